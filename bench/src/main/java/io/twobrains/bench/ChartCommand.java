package io.twobrains.bench;

import io.twobrains.contract.json.ChatJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code chart <bench-result.json>... [--out dir]}: draws saved results again, one
 * {@code bench-<scenario>.svg} per file, so the README's charts come from the figures and nothing else.
 */
final class ChartCommand {

    private ChartCommand() {
    }

    static void run(String[] args) throws IOException {
        List<Path> results = new ArrayList<>();
        Path out = Path.of(".");
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                results.add(Path.of(args[i]));
            }
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("usage: chart <bench-result.json>... [--out docs/bench/]");
        }
        for (Path result : results) {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = ChatJson.MAPPER.readValue(Files.readString(result), Map.class);
            System.out.printf("%s -> %s%n", result, write(read, out));
        }
    }

    /** Writes the chart of one result into {@code dir} and returns its path. */
    static Path write(Map<String, Object> result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("bench-" + result.get("scenario") + ".svg");
        Files.writeString(file, Chart.render(result));
        return file;
    }
}
