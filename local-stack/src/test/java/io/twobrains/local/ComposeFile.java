package io.twobrains.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} as its services see it, so a test can run them as the file says rather
 * than from a copy of it: each service's environment (the shared anchors merged, and {@code ${VAR:-default}}
 * filled in as {@code docker compose up} does on a machine where none of the file's variables is set),
 * its command, the module its image is built from, its published ports, and where its health check asks.
 */
record ComposeFile(Path root, Map<String, Service> services) {

    static final Path NAME = Path.of("docker-compose.yml");

    /** One service of the file. Ports and health check are the container's, before any translation. */
    record Service(String name, List<String> command, Map<String, String> environment, String module,
            List<String> ports, List<String> volumes, URI health) {
    }

    /** The file of this repository, found from the module's directory or the root. */
    static ComposeFile read() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(NAME))) {
                return parse(dir, read(dir.resolve(NAME)));
            }
        }
        throw new IllegalStateException(NAME + " not found above " + Path.of("").toAbsolutePath());
    }

    Service service(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw new IllegalStateException(NAME + " has no service " + name + ", only " + services.keySet());
        }
        return service;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile parse(Path root, String yaml) {
        Map<String, Object> file = new Yaml().load(yaml);
        Map<String, Service> services = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) file.get("services")).forEach((name, service) -> {
            Map<String, String> environment = new LinkedHashMap<>();
            ((Map<String, Object>) service.getOrDefault("environment", Map.of())).forEach((key, value) ->
                    environment.put(key, interpolate(String.valueOf(value))));
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            Map<String, Object> args = build == null ? Map.of() : (Map<String, Object>) build.getOrDefault("args", Map.of());
            Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
            services.put(name, new Service(name, strings(service.get("command")), environment,
                    args.containsKey("MODULE") ? String.valueOf(args.get("MODULE")) : null,
                    strings(service.get("ports")), strings(service.get("volumes")),
                    healthcheck == null ? null : health(String.join(" ", strings(healthcheck.get("test"))))));
        });
        return new ComposeFile(root, services);
    }

    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** Compose's interpolation with no variable set: the default where there is one, else empty; {@code ?} fails. */
    static String interpolate(String value) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String replacement;
            if (variable.group().equals("$$")) {
                replacement = "$";
            } else if ("?".equals(variable.group(2)) || ":?".equals(variable.group(2))) {
                throw new IllegalStateException(variable.group() + " needs a variable the test does not set");
            } else {
                replacement = variable.group(3) == null ? "" : variable.group(3);
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(result);
        return result.toString();
    }

    private static final Pattern HTTP_CHECK = Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1):(\\d+)(/\\S*)");
    private static final Pattern TCP_CHECK = Pattern.compile("/dev/tcp/[^/]+/(\\d+).*GET (\\S+) HTTP");

    /** Where a health check asks, as a URL on the container's own port: a curl of a URL, or an HTTP GET over bash's /dev/tcp. */
    static URI health(String test) {
        Matcher http = HTTP_CHECK.matcher(test);
        if (http.find()) {
            return URI.create("http://127.0.0.1:" + http.group(1) + http.group(2));
        }
        Matcher tcp = TCP_CHECK.matcher(test);
        if (tcp.find()) {
            return URI.create("http://127.0.0.1:" + tcp.group(1) + tcp.group(2));
        }
        return null;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString().split("\\s+"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
