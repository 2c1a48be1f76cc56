package mx.zocalo.server.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;

/**
 * The clients of {@code zocalo bench fuseki}: C threads, each asking the next query of a {@link QueryMix} as soon as the
 * last answer (SPARQL JSON results, read in full) came, by GET with {@code Cache-Control: no-cache}, for a warm-up and
 * then a measured time. Counts answers, errors (not 200, or no answer), latency percentiles and mean latency per kind.
 */
final class QueryLoad {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Result(long requests, double seconds, double p50, double p99, long errors, Map<String, double[]> kinds) {
        double throughput() {
            return requests / seconds;
        }

        /** Mean latency of the queries of one kind, in ms. */
        double perKindMillis(String kind) {
            double[] k = kinds.get(kind);
            return k == null || k[0] == 0 ? Double.NaN : k[1] / k[0] / 1e6;
        }
    }

    static HttpRequest request(String queryUrl, String query) {
        return HttpRequest.newBuilder(URI.create(queryUrl + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json").header("Cache-Control", "no-cache")
                .timeout(Duration.ofSeconds(60)).build();
    }

    /** The answers to the first 24 queries of the mix, each as its row count and its sorted rows' hash. */
    static List<String> check(String queryUrl, QueryMix mix) throws IOException, InterruptedException {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            HttpResponse<byte[]> r = HTTP.send(request(queryUrl, mix.query(i)), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                answers.add("status " + r.statusCode());
                continue;
            }
            ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(r.body()), ResultSetLang.RS_JSON);
            List<String> rows = new ArrayList<>();
            while (rs.hasNext()) rows.add(rs.nextBinding().toString());
            rows.sort(null);
            answers.add(rows.size() + " rows, hash " + Integer.toHexString(rows.hashCode()));
        }
        return answers;
    }

    /** Warm-up, then the measured load; query numbers never repeat between rounds. */
    static Result run(String queryUrl, QueryMix mix, int clients, int warmupSeconds, int seconds, int round) throws Exception {
        AtomicLong next = new AtomicLong(round * 10_000_000L);
        load(queryUrl, mix, clients, warmupSeconds, next);
        return load(queryUrl, mix, clients, seconds, next);
    }

    private static Result load(String queryUrl, QueryMix mix, int clients, int seconds, AtomicLong next) throws Exception {
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<long[]> latencies = new ArrayList<>();
        Map<String, double[]> kinds = new HashMap<>();
        try {
            List<Future<Object[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1024];
                    int n = 0;
                    Map<String, double[]> mine = new HashMap<>();
                    while (System.nanoTime() < end) {
                        long q = next.getAndIncrement();
                        HttpRequest req = request(queryUrl, mix.query(q));
                        long s = System.nanoTime();
                        try {
                            HttpResponse<byte[]> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            if (resp.statusCode() != 200) errors.incrementAndGet();
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                        long t = System.nanoTime() - s;
                        if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                        lat[n++] = t;
                        double[] k = mine.computeIfAbsent(QueryMix.kind(q), x -> new double[2]);
                        k[0]++;
                        k[1] += t;
                    }
                    return new Object[] {Arrays.copyOf(lat, n), mine};
                }));
            }
            for (Future<Object[]> f : futures) {
                Object[] r = f.get();
                latencies.add((long[]) r[0]);
                @SuppressWarnings("unchecked")
                Map<String, double[]> mine = (Map<String, double[]>) r[1];
                mine.forEach((k, v) -> {
                    double[] sum = kinds.computeIfAbsent(k, x -> new double[2]);
                    sum[0] += v[0];
                    sum[1] += v[1];
                });
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all.length, elapsed, pct(all, 0.50), pct(all, 0.99), errors.get(), kinds);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)] / 1e6;
    }
}
