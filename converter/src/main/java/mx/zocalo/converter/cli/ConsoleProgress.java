package mx.zocalo.converter.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import mx.zocalo.converter.ProgressListener;

/**
 * Progress of a long conversion on standard error. Nothing for the first {@link #DELAY_NANOS}; then on a
 * terminal one line rewritten with {@code \r} (about four times a second), elsewhere a plain line every
 * {@link #LINE_EVERY_NANOS}. The line gives rows done, rows per second and, when the size of the source is
 * known, the share read and the estimated time left.
 */
public final class ConsoleProgress implements ProgressListener {
    static final long DELAY_NANOS = 2_000_000_000L;
    static final long LINE_EVERY_NANOS = 5_000_000_000L;
    static final long REWRITE_EVERY_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private long lastShown = Long.MIN_VALUE;
    private int lastWidth;

    /** Progress on {@code err}; {@code clock} gives nanoseconds (such as {@code System::nanoTime}). */
    public ConsoleProgress(PrintWriter err, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Progress on {@code err}, rewritten in place when the process has a console. */
    public static ConsoleProgress on(PrintWriter err) {
        return new ConsoleProgress(err, System.console() != null, System::nanoTime);
    }

    @Override
    public void progress(long rows, long bytesRead, long bytesTotal) {
        long now = clock.getAsLong();
        long elapsed = now - start;
        if (elapsed < DELAY_NANOS) {
            return;
        }
        if (lastShown != Long.MIN_VALUE && now - lastShown < (terminal ? REWRITE_EVERY_NANOS : LINE_EVERY_NANOS)) {
            return;
        }
        lastShown = now;
        String line = line(rows, bytesRead, bytesTotal, elapsed);
        if (terminal) {
            int pad = Math.max(0, lastWidth - line.length());
            err.print("\r" + line + " ".repeat(pad));
            lastWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void finished(long rows) {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    static String line(long rows, long bytesRead, long bytesTotal, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        StringBuilder s = new StringBuilder(96);
        s.append(String.format(Locale.ROOT, "converting: %,d rows, %,.0f rows/s", rows, seconds > 0 ? rows / seconds : 0.0));
        if (bytesRead > 0 && bytesTotal > 0) {
            double fraction = Math.min(1.0, (double) bytesRead / bytesTotal);
            s.append(String.format(Locale.ROOT, ", %.0f%% read", fraction * 100));
            long left = Math.round(seconds * (1 - fraction) / fraction);
            s.append(", about ").append(duration(left)).append(" left");
        }
        return s.toString();
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
