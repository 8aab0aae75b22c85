package io.twobrains.command.chat;

/**
 * Sizes Reactor's shared elastic pool before anything uses it. Libraries put blocking work there on
 * their own: Spring AI's Anthropic model reads every generation's stream on one of its threads, for
 * as long as the generation runs. At Reactor's default of ten threads per core, the twenty-first
 * concurrent Anthropic generation of a two-core instance would wait for another to end before its
 * first token,
 * and so would every short blocking call of the instance queued behind them (a command's send).
 * Our own long blocking work has its own pool ({@link GenerationThreads}); this makes the shared one
 * large enough for the libraries'. Its threads start on demand and end after a minute idle.
 */
public final class SharedElasticPool {

    /** Reactor reads it once, when its {@code Schedulers} class is initialized. */
    public static final String PROPERTY = "reactor.schedulers.defaultBoundedElasticSize";
    public static final int THREADS = 2_000;

    private SharedElasticPool() {
    }

    /** Call first thing in {@code main}: a size given on the command line is kept. */
    public static void size() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(THREADS));
        }
    }
}
