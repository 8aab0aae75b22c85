package io.twobrains.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keycloak from its distribution (unpacked from Maven Central's {@code keycloak-quarkus-dist}) run as its
 * image runs it: {@code kc.sh} with the service's command, its data fresh (as a new volume), and the
 * files the service mounts into {@code /opt/keycloak} copied into the distribution, each through
 * {@code translate} (the realm names the browser's addresses).
 */
final class KeycloakDistribution {

    private static final Path IMAGE_HOME = Path.of("/opt/keycloak");

    private KeycloakDistribution() {
    }

    static ChildJvm start(Path home, Path composeRoot, ComposeFile.Service service, Map<String, String> environment,
            UnaryOperator<String> translate) {
        try {
            deleteRecursively(home.resolve("data"));
            for (String volume : service.volumes()) {
                String[] parts = volume.split(":");
                if (parts[0].startsWith("./")) {
                    Path target = home.resolve(IMAGE_HOME.relativize(Path.of(parts[1])).toString());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, translate.apply(Files.readString(composeRoot.resolve(parts[0]))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/kc.sh").toString()));
        command.addAll(service.command());
        return ChildJvm.startScript("compose-" + service.name(), command, environment);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
