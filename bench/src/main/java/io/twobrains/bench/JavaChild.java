package io.twobrains.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * A part of the run in a JVM of its own, on the bench's own classpath: the system under test (the
 * local stack, a baseline service, the relay) or a helper (the loopback model), so that the load
 * generator's CPU is never counted as theirs, and theirs not as the generator's. Its output goes to a
 * log file; it is ready when that log shows a given line. Closing it is SIGTERM, then SIGKILL after a
 * minute; a shutdown hook kills it should the bench end first.
 */
final class JavaChild implements AutoCloseable {

    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static Path logs;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killOnExit;

    private JavaChild(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code mainClass} and waits until its log shows {@code readyLine}.
     *
     * @param jvmOptions       more options for its JVM (a flight recording, say)
     * @param systemProperties {@code -D} options (a Spring Boot service reads them as properties)
     * @param environment      more environment variables
     */
    static JavaChild start(String name, String mainClass, List<String> jvmOptions, Map<String, String> systemProperties,
            Map<String, String> environment, List<String> args, Path log, String readyLine, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(classpathAndMain(mainClass));
        command.addAll(args);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            JavaChild child = new JavaChild(name, builder.start(), log);
            child.awaitLine(readyLine, timeout);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * The bench's classpath and the main class. Run as {@code java -jar twobrains-bench.jar}, the
     * classpath is one Spring Boot jar whose classes are nested in it: Spring Boot's
     * PropertiesLauncher then starts the main class from inside it ({@code loader.main}).
     */
    private static List<String> classpathAndMain(String mainClass) {
        String classpath = System.getProperty("java.class.path");
        if (isBootJar(classpath)) {
            return List.of("-Dloader.main=" + mainClass, "-cp", classpath, BOOT_LAUNCHER);
        }
        return List.of("-cp", classpath, mainClass);
    }

    private static boolean isBootJar(String classpath) {
        if (classpath.contains(java.io.File.pathSeparator) || !classpath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classpath)) {
            return jar.getEntry("BOOT-INF/lib/") != null || jar.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitLine(String line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!logContains(line)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended before it was ready (exit " + process.exitValue()
                        + "); its log: " + log + "\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; its log: "
                        + log + "\n" + tail());
            }
            sleep(200);
        }
    }

    private boolean logContains(String line) {
        try {
            return Files.readString(log).contains(line);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log)";
        }
    }

    long pid() {
        return process.pid();
    }

    /** Where the child called {@code name} logs: one directory per bench run, kept after it for diagnosis. */
    static synchronized Path logFile(String name) {
        try {
            if (logs == null) {
                logs = Files.createTempDirectory("twobrains-bench-logs");
            }
            return logs.resolve(name + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    /** SIGTERM, so its shutdown hooks stop it cleanly (the stack stops its PostgreSQL); SIGKILL after a minute. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook runs anyway
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + log + ")";
    }
}
