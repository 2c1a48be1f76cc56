package mx.zocalo.server.cli;

/**
 * Latencies in microseconds, counted in log-linear buckets about 3 % wide: constant memory whatever the length of the
 * soak (so that the soak's own bookkeeping does not show up as a growing heap), percentiles within a bucket's width.
 */
final class SoakHistogram {
    private static final int SUB = 32; // buckets per power of two
    private final long[] counts = new long[64 * SUB];
    private long total;

    synchronized void add(long micros) {
        counts[index(Math.max(0, micros))]++;
        total++;
    }

    synchronized void addAll(SoakHistogram other) {
        long[] o;
        synchronized (other) {
            o = other.counts.clone();
        }
        for (int i = 0; i < o.length; i++) {
            counts[i] += o[i];
            total += o[i];
        }
    }

    synchronized long count() {
        return total;
    }

    /** The {@code p} quantile (0..1) in milliseconds: the middle of its bucket; NaN when nothing was counted. */
    synchronized double percentileMillis(double p) {
        if (total == 0) return Double.NaN;
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) return (lower(i) + lower(i + 1)) / 2.0 / 1000.0;
        }
        return lower(counts.length) / 1000.0;
    }

    static int index(long v) {
        if (v < SUB) return (int) v;
        int exp = 63 - Long.numberOfLeadingZeros(v); // >= 5
        int sub = (int) (v >>> (exp - 5)) - SUB;
        return (exp - 4) * SUB + sub;
    }

    static long lower(int i) {
        if (i < SUB) return i;
        int exp = i / SUB + 4;
        return (long) (SUB + i % SUB) << (exp - 5);
    }
}
