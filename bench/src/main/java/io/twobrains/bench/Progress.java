package io.twobrains.bench;

/** A one-line progress bar on the console, redrawn in place. */
final class Progress {

    private static final int WIDTH = 40;

    private Progress() {
    }

    static void bar(String label, long done, long total) {
        long shown = Math.min(done, total);
        int filled = total <= 0 ? WIDTH : (int) (WIDTH * shown / total);
        System.out.printf("\r%s: [%s%s] %3d%% %,d/%,d", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                total <= 0 ? 100 : 100 * shown / total, shown, total);
        System.out.flush();
    }
}
