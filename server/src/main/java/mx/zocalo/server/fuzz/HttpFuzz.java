package mx.zocalo.server.fuzz;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends probes ({@link FuzzRequests}) to a portal over raw sockets, {@code workers} at a time, and judges each answer
 * ({@link FuzzVerdict}): the report counts answers by status and lists every failure with the request that caused it.
 */
public final class HttpFuzz {
    private HttpFuzz() {}

    /** One failed probe: what was sent, what came back, what is wrong. */
    public record Failure(FuzzRequests.Probe probe, int status, List<String> problems) {
        @Override
        public String toString() {
            return probe.label() + ": " + probe.method() + " " + probe.target() + " (" + probe.lang() + ") → " + status + ": " + String.join("; ", problems);
        }
    }

    /** The run: how many probes, their statuses, the slowest answer, and the failures. */
    public record Report(int probes, Map<Integer, Integer> statuses, long slowestMillis, String slowest, List<Failure> failures, double seconds) {
        public void print(PrintWriter out) {
            out.printf(Locale.ROOT, "%d requests in %.1f s (%.0f/s); slowest answer %d ms (%s)%n", probes, seconds, probes / seconds,
                    slowestMillis, slowest);
            StringBuilder b = new StringBuilder("statuses:");
            statuses.forEach((s, n) -> b.append(' ').append(s == 0 ? "none" : s).append('×').append(n));
            out.println(b);
            out.printf(Locale.ROOT, "%d failures%n", failures.size());
            for (Failure f : failures.subList(0, Math.min(50, failures.size()))) out.println("  " + f);
            if (failures.size() > 50) out.println("  ... and " + (failures.size() - 50) + " more");
            out.flush();
        }
    }

    public static Report run(String host, int port, List<FuzzRequests.Probe> probes, int workers, int timeoutMillis) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Object[]>> futures = new ArrayList<>();
        try {
            for (FuzzRequests.Probe p : probes) {
                futures.add(pool.submit(() -> {
                    RawHttp.Answer a = RawHttp.exchange(host, port, p.bytes(), timeoutMillis);
                    return new Object[] {p, a, FuzzVerdict.problems(p, a)};
                }));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
            long slowest = -1;
            String slowestWhat = "";
            for (Future<Object[]> f : futures) {
                Object[] r = f.get();
                FuzzRequests.Probe p = (FuzzRequests.Probe) r[0];
                RawHttp.Answer a = (RawHttp.Answer) r[1];
                @SuppressWarnings("unchecked")
                List<String> problems = (List<String>) r[2];
                statuses.merge(a.status(), 1, Integer::sum);
                if (a.millis() > slowest) {
                    slowest = a.millis();
                    slowestWhat = p.label() + ": " + p.method() + " " + p.target();
                }
                if (!problems.isEmpty()) failures.add(new Failure(p, a.status(), problems));
            }
            return new Report(probes.size(), statuses, slowest, slowestWhat, List.copyOf(failures), (System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
