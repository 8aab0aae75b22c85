package io.twobrains.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One part of the system in a JVM of its own, so a fault test can kill it as an operator or the
 * kernel would: {@link #kill()} is SIGKILL ({@code kill -9}), {@link #stop()} is SIGTERM. It runs
 * {@code mainClass} on this JVM's own classpath; every start appends to one log file (under
 * {@code target/}, for diagnosis), and a shutdown hook kills it should the test JVM end first.
 */
final class ChildJvm implements AutoCloseable {

    /** Small heap and quick start: the machine running the tests is small and shared. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true");

    private final String name;
    private final String mainClass;
    private final List<String> args;
    private final Path log;
    private final Thread killOnExit = new Thread(this::kill);
    private volatile Process process;

    private ChildJvm(String name, String mainClass, List<String> args) {
        this.name = name;
        this.mainClass = mainClass;
        this.args = List.copyOf(args);
        this.log = Path.of("target", "child-jvm", name + ".log").toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code mainClass} with {@code args}; {@code name} names its log file. */
    static ChildJvm start(String name, Class<?> mainClass, String... args) {
        ChildJvm child = new ChildJvm(name, mainClass.getName(), List.of(args));
        child.startAgain();
        return child;
    }

    /** Starts the same main with the same arguments (so the same ports and data directory). */
    synchronized ChildJvm startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== start of " + name + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        return this;
    }

    /** SIGKILL, and waits until the process is gone: nothing in it gets to run another instruction. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(60);
        }
    }

    /** SIGTERM, so its shutdown hooks run; killed after a minute if it does not stop. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
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
