package dev.lamo.harness.cli;

import java.io.PrintWriter;

/**
 * Progress of a long command on standard error: a bar redrawn in place on a terminal, plain periodic lines
 * otherwise (logs, CI), so that output files and standard output stay clean.
 */
final class Progress {

    private static final long LINE_INTERVAL_NANOS = 10_000_000_000L;
    private static final long BAR_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private long total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint;

    Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = System.console() != null;
        this.lastPrint = start;
    }

    /** Reports {@code done} units out of {@code newTotal}. */
    void update(long done, long newTotal, String extra) {
        this.total = newTotal;
        update(done, extra);
    }

    /** Reports {@code done} units out of the total, with an optional extra such as a loss or a rate. */
    void update(long done, String extra) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (!finished && now - lastPrint < (terminal ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS)) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        String eta = done == 0 || finished ? "" : String.format(" eta %s", duration(seconds / fraction - seconds));
        String text = String.format("%s %d/%d (%.0f%%) %s%s%s", label, done, total, 100 * fraction, duration(seconds), eta,
                extra == null || extra.isEmpty() ? "" : "  " + extra);
        if (terminal) {
            int width = 24;
            int filled = (int) Math.round(fraction * width);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + text + "\u001b[K");
            if (finished) {
                err.println();
            }
        } else {
            err.println(text);
        }
        err.flush();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
