package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The soak's report: per route, requests, errors by status, p50 and p99; then the verdict lines (5xx outside the
 * limits' documented 503s, answers mixing two versions, publishes, pages' p99 first third against last third, heap,
 * open files and threads first third against last third) and a last line {@code soak: PASS} or {@code soak: FAIL}.
 */
final class SoakReport {
    /** How much the page p99 of the last third may exceed the first third's and still be called stable. */
    static final double P99_DRIFT = 2.0;
    static final double HEAP_GROWTH_MB = 16;
    static final double HEAP_GROWTH_SHARE = 0.10;
    static final int FD_GROWTH = 10;
    static final int THREAD_GROWTH = 5;

    private final PrintWriter out;
    private boolean pass = true;

    SoakReport(PrintWriter out) {
        this.out = out;
    }

    /** Prints everything; true when every verdict holds. */
    boolean print(List<SoakRoute> routes, List<SoakSampler.Sample> samples, int publishes, int publishFailures, double seconds) {
        out.printf(Locale.ROOT, "%n%-28s %9s %7s %9s %9s  %s%n", "route", "requests", "req/s", "p50 ms", "p99 ms", "errors (by status; 503-limit = documented)");
        long all = 0;
        for (SoakRoute r : routes) {
            long n = r.requests.sum();
            all += n;
            String errors = r.errors().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
            out.printf(Locale.ROOT, "%-28s %9d %7.1f %9.1f %9.1f  %s%s%n", r.name, n, n / seconds, r.all.percentileMillis(0.5),
                    r.all.percentileMillis(0.99), errors.isEmpty() ? "-" : errors,
                    r.check == null ? "" : "  (checked " + r.checked.sum() + ", with a mark " + r.marked.sum() + ", mixed "
                            + r.inconsistent.sum() + ", stale " + r.stale.sum() + ")");
        }
        out.printf(Locale.ROOT, "%-28s %9d %7.1f%n", "all", all, all / seconds);

        out.println();
        long unexpected = 0;
        long checked = 0;
        long mixed = 0;
        long stale = 0;
        long marked = 0;
        List<String> problems = new ArrayList<>();
        for (SoakRoute r : routes) {
            unexpected += r.unexpected();
            checked += r.checked.sum();
            mixed += r.inconsistent.sum();
            stale += r.stale.sum();
            marked += r.marked.sum();
            if (r.firstProblem != null) problems.add(r.name + ": " + r.firstProblem);
            if (r.firstStale != null) problems.add(r.name + ": " + r.firstStale);
            if (r.unexpected() > 0) problems.add(r.name + ": " + r.errors());
        }
        verdict(unexpected == 0, "5xx (or no answer) outside the documented 503s of the limits: %d", unexpected);
        verdict(mixed == 0 && marked > 0, "answers mixing two versions (or a count not of one version): %d of %d checked (%d with a version mark)",
                mixed, checked, marked);
        verdict(stale == 0, "answers of a version older than the last publish finished before they were asked: %d", stale);
        verdict(publishFailures == 0 && publishes > 0, "publishes: %d of %d succeeded", publishes - publishFailures, publishes);
        for (String p : problems) out.println("  first seen: " + p);

        SoakHistogram[] pages = {new SoakHistogram(), new SoakHistogram(), new SoakHistogram()};
        for (SoakRoute r : routes) {
            if (!r.group.equals("page")) continue;
            for (int i = 0; i < 3; i++) pages[i].addAll(r.thirds[i]);
        }
        double first = pages[0].percentileMillis(0.99);
        double last = pages[2].percentileMillis(0.99);
        verdict(!(last > P99_DRIFT * first), "pages p99: first third %.1f ms, last third %.1f ms (x%.2f; stable when <= x%.1f)",
                first, last, last / first, P99_DRIFT);

        double end = seconds;
        List<SoakSampler.Sample> a = samples.stream().filter(s -> s.seconds() < end / 3).toList();
        List<SoakSampler.Sample> b = samples.stream().filter(s -> s.seconds() >= 2 * end / 3).toList();
        if (a.isEmpty() || b.isEmpty()) {
            verdict(false, "too few samples to compare the first and last thirds (%d samples): use a longer run or a shorter --sample-every", samples.size());
        } else {
            double h0 = median(a, SoakSampler.Sample::heapMb);
            double h1 = median(b, SoakSampler.Sample::heapMb);
            verdict(h1 - h0 <= Math.max(HEAP_GROWTH_MB, HEAP_GROWTH_SHARE * h0),
                    "heap after GC: first third %.1f MB, last third %.1f MB (medians), slope %+.2f MB/min (flat when it grows <= max(%.0f MB, %.0f %%))",
                    h0, h1, slope(samples, SoakSampler.Sample::heapMb), HEAP_GROWTH_MB, 100 * HEAP_GROWTH_SHARE);
            double f0 = median(a, SoakSampler.Sample::fds);
            double f1 = median(b, SoakSampler.Sample::fds);
            verdict(f1 - f0 <= FD_GROWTH, "open files: first third %.0f, last third %.0f (medians), slope %+.2f/min (flat when it grows <= %d)",
                    f0, f1, slope(samples, SoakSampler.Sample::fds), FD_GROWTH);
            double t0 = median(a, SoakSampler.Sample::threads);
            double t1 = median(b, SoakSampler.Sample::threads);
            verdict(t1 - t0 <= THREAD_GROWTH, "threads: first third %.0f, last third %.0f (medians), slope %+.2f/min (flat when it grows <= %d)",
                    t0, t1, slope(samples, SoakSampler.Sample::threads), THREAD_GROWTH);
        }
        out.println("soak: " + (pass ? "PASS" : "FAIL"));
        out.flush();
        return pass;
    }

    private void verdict(boolean ok, String format, Object... args) {
        pass &= ok;
        out.printf(Locale.ROOT, "verdict %-4s " + format + "%n", prepend(ok ? "ok" : "FAIL", args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static double median(List<SoakSampler.Sample> samples, ToDoubleFunction<SoakSampler.Sample> f) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Least-squares slope per minute. */
    static double slope(List<SoakSampler.Sample> samples, ToDoubleFunction<SoakSampler.Sample> f) {
        int n = samples.size();
        if (n < 2) return Double.NaN;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (SoakSampler.Sample s : samples) {
            double x = s.seconds() / 60, y = f.applyAsDouble(s);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

}
