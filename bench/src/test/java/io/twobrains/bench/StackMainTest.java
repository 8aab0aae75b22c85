package io.twobrains.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.local.LocalStackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackMainTest {

    @Test
    void theBenchStackTakesEightPortsFromItsBaseInTheOrderStackProcessAddressesThem() {
        LocalStackSettings settings = StackMain.settings(Path.of("/tmp/bench"), 40_000, Duration.ofMillis(25));

        assertThat(settings.doorPort()).isEqualTo(40_000);
        assertThat(settings.oidcPort()).isEqualTo(40_003);
        assertThat(settings.kafkaPort()).isEqualTo(40_004);
        assertThat(settings.postgresPort()).isEqualTo(40_006);
        assertThat(Set.of(settings.doorPort(), settings.internalPort(), settings.projectorPort(), settings.oidcPort(),
                settings.kafkaPort(), settings.kafkaControllerPort(), settings.postgresPort(), settings.managementPort()))
                .hasSize(StackMain.PORTS).allMatch(port -> port >= 40_000 && port < 40_000 + StackMain.PORTS);
    }

    @Test
    void onlyThePortsAndTheCommitIntervalDifferFromTheReadmesStack() {
        Path dataDir = Path.of("/tmp/bench");
        LocalStackSettings standard = LocalStackSettings.standard(dataDir);
        LocalStackSettings bench = StackMain.settings(dataDir, 40_000, Duration.ofMillis(25));

        assertThat(bench.commitInterval()).isEqualTo(Duration.ofMillis(25));
        assertThat(bench.partitions()).isEqualTo(standard.partitions());
        assertThat(bench.overrides()).isEqualTo(standard.overrides());
        assertThat(bench.external()).isEqualTo(standard.external());
        assertThat(bench.dataDir()).isEqualTo(dataDir);
    }

    @Test
    void withExternalKafkaTheStackLeavesOnlyTheBrokerToAProcessOfItsOwnAtItsUsualPorts() {
        LocalStackSettings alone = StackMain.fromArguments("/tmp/bench", "40000", "10");
        LocalStackSettings external = StackMain.fromArguments("/tmp/bench", "40000", "10", StackMain.EXTERNAL_KAFKA);

        assertThat(alone.external()).isEmpty();
        assertThat(external.external()).containsExactly(LocalStackSettings.Part.KAFKA);
        assertThat(external.kafkaPort()).isEqualTo(alone.kafkaPort());
        assertThat(external.runsHere(LocalStackSettings.Part.NODE)).isTrue();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> StackMain.fromArguments("/tmp/bench", "40000", "10", "kafka")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBenchsStackJvmStartsWithTheOptionsOfTheReadmesFirstCommand() throws java.io.IOException {
        String firstCommand = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(line -> line.contains("twobrains-local.jar") && line.contains("# run everything"))
                .findFirst().orElseThrow();
        String options = firstCommand.substring(firstCommand.indexOf("java ") + 5, firstCommand.indexOf("-jar "));

        assertThat(List.of(options.trim().split("\\s+"))).isEqualTo(StackMain.JVM_OPTIONS);
    }
}
