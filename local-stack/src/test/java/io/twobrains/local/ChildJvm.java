package io.twobrains.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One part of the system in a JVM of its own, so a fault test can kill it as an operator or the
 * kernel would: {@link #kill()} is SIGKILL ({@code kill -9}), {@link #stop()} is SIGTERM, each to the
 * process and whatever it started. It runs {@code mainClass} on this JVM's own classpath, a service's
 * executable jar, or a JVM program's own launcher script; every start appends to one log file (under
 * {@code target/}, for diagnosis), and a shutdown hook kills it should the test JVM end first.
 */
final class ChildJvm implements AutoCloseable {

    /** Small heap and quick start: the machine running the tests is small and shared. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true");

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Thread killOnExit = new Thread(this::kill);
    private volatile Process process;

    private ChildJvm(String name, List<String> command, Map<String, String> environment) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = Path.of("target", "child-jvm", name + ".log").toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code mainClass} with {@code args}; {@code name} names its log file. */
    static ChildJvm start(String name, Class<?> mainClass, String... args) {
        List<String> command = java();
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(name, command, Map.of()).startAgain();
    }

    /**
     * Starts a service's executable jar as its container does ({@code java -jar}), with the container's
     * environment on top of this one's, and this class's small heap instead of the container's share of memory.
     */
    static ChildJvm startJar(String name, Path jar, Map<String, String> environment) {
        List<String> command = java();
        command.add("-jar");
        command.add(jar.toString());
        return new ChildJvm(name, command, environment).startAgain();
    }

    /** Starts a JVM program through its own launcher script, on this JVM's Java ({@code JAVA_HOME}). */
    static ChildJvm startScript(String name, List<String> command, Map<String, String> environment) {
        Map<String, String> withJava = new java.util.HashMap<>(environment);
        withJava.put("JAVA_HOME", System.getProperty("java.home"));
        return new ChildJvm(name, command, withJava).startAgain();
    }

    private static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        return command;
    }

    /** Starts the same main with the same arguments (so the same ports and data directory). */
    synchronized ChildJvm startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== start of " + name + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        return this;
    }

    /** SIGKILL, and waits until the process is gone: nothing in it gets to run another instruction. */
    synchronized void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            awaitExit(60);
        }
    }

    /** SIGTERM, so its shutdown hooks run; killed after a minute if it does not stop. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!awaitExit(60)) {
                kill();
            }
        }
    }

    boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    Path log() {
        return log;
    }

    /** The last lines of its log, for a failure's message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean awaitExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills it: a test ends with nothing left running, whatever happened. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }

    @Override
    public String toString() {
        return name + " (log: " + log + ")";
    }
}
