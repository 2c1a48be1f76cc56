package mx.zocalo.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Abuse of {@code /sparql}: queries that would run for hours or return billions of rows (cartesian products,
 * unbounded property paths, {@code OFFSET 100000000}, {@code ORDER BY} over a product), {@code SERVICE} calls, a
 * huge {@code VALUES} (posted, and as a query string too long for an address), and floods of such queries at once.
 * Each must be stopped by the endpoint's documented limits — {@code 200} cut at the row limit
 * ({@code X-Zocalo-Truncated}), {@code 503} {@code timeout} after the query time limit, {@code 503} {@code busy} with
 * {@code Retry-After} when no slot comes free, {@code 400} {@code federated} for {@code SERVICE}, {@code 414} for an
 * address too long — and pages must keep answering meanwhile ({@link #pageLatencies}).
 */
public final class SparqlAbuse {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One abusive query: its name, its text, sent by POST or GET, and the outcomes ({@code status code}) allowed. */
    public record Abuse(String name, String query, boolean post, Set<String> allowed) {}

    /** What came back: status, the error's code (or {@code truncated}/{@code ok}), the time, and Retry-After. */
    public record Outcome(String name, int status, String code, long millis, String retryAfter) {
        public String key() {
            return status + " " + code;
        }
    }

    private SparqlAbuse() {}

    static final Set<String> STOPPED = Set.of("200 truncated", "200 ok", "503 timeout", "503 busy");

    /** The abusive queries. */
    public static List<Abuse> queries() {
        String cartesian = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l";
        return List.of(
                new Abuse("cartesian product, counted", "SELECT (COUNT(*) AS ?n) WHERE { " + cartesian + " }", false, Set.of("503 timeout", "503 busy")),
                new Abuse("cartesian product, every row", "SELECT * WHERE { " + cartesian + " }", false, Set.of("200 truncated", "503 busy")),
                new Abuse("cartesian product, ordered", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY DESC(?c) ?f ?i", false, STOPPED),
                new Abuse("unbounded property path, counted", "SELECT (COUNT(*) AS ?n) WHERE { ?s (<urn:zocalo:p>|!<urn:zocalo:p>)* ?o }", false, STOPPED),
                new Abuse("unbounded property path, every pair", "SELECT * WHERE { ?s (<urn:zocalo:p>|!<urn:zocalo:p>)* ?o }", false, STOPPED),
                new Abuse("unbounded inverse path", "SELECT (COUNT(*) AS ?n) WHERE { ?s (^!<urn:zocalo:p>|!<urn:zocalo:p>)+/(!<urn:zocalo:q>)* ?o }", false, STOPPED),
                new Abuse("OFFSET 100000000", "SELECT * WHERE { ?s ?p ?o } OFFSET 100000000", false, Set.of("400 offset-too-large")),
                new Abuse("OFFSET 100000000 in a sub-query", "SELECT * WHERE { { SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } OFFSET 100000000 } }", false,
                        Set.of("400 offset-too-large")),
                new Abuse("OFFSET 50000 over a product", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } OFFSET 50000", false, STOPPED),
                new Abuse("DESCRIBE everything", "DESCRIBE ?s WHERE { ?s ?p ?o }", false, STOPPED),
                new Abuse("CONSTRUCT a product", "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }", false, STOPPED),
                // on a fast machine the product of the small test data is concatenated within the time limit: an answer then
                new Abuse("GROUP_CONCAT of a product", "SELECT (GROUP_CONCAT(STR(?c)) AS ?x) WHERE { ?a ?b ?c . ?d ?e ?f }", false,
                        Set.of("200 ok", "503 timeout", "503 busy", "400 query-failed")),
                new Abuse("SERVICE", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", false, Set.of("400 federated")),
                new Abuse("SERVICE inside EXISTS", "ASK { ?s ?p ?o FILTER EXISTS { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?x } } }", false,
                        Set.of("400 federated")),
                new Abuse("SERVICE in a sub-query", "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } } } }", false,
                        Set.of("400 federated")),
                new Abuse("VALUES of 20,000 IRIs, posted", values(20_000), true, Set.of("200 ok", "503 busy", "503 timeout")),
                new Abuse("VALUES of 60,000 IRIs, a body over 1 MB", values(60_000), true, Set.of("413 too-large")),
                new Abuse("VALUES of 2,000 IRIs in the address", values(2_000), false, Set.of("414 uri-too-long")));
    }

    private static String values(int n) {
        StringBuilder values = new StringBuilder("SELECT ?x ?p WHERE { VALUES ?x {");
        for (int i = 0; i < n; i++) values.append(" <urn:zocalo:abuse:").append(i).append('>');
        return values.append(" } ?x ?p ?o }").toString();
    }

    /** Sends one abusive query; the error's code read from its JSON. */
    public static Outcome send(String host, int port, Abuse a, int timeoutMillis) {
        String q = URLEncoder.encode(a.query(), StandardCharsets.UTF_8);
        String request;
        byte[] body = new byte[0];
        if (a.post()) {
            body = ("query=" + q).getBytes(StandardCharsets.US_ASCII);
            request = "POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n";
        } else {
            request = "GET /sparql?query=" + q + " HTTP/1.1\r\nHost: localhost\r\n";
        }
        request += "Accept: application/sparql-results+json, application/ld+json;q=0.9\r\nAccept-Language: en\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
        byte[] head = request.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        RawHttp.Answer r = RawHttp.exchange(host, port, all, timeoutMillis);
        return new Outcome(a.name(), r.status(), code(r), r.millis(), r.header("Retry-After"));
    }

    static String code(RawHttp.Answer r) {
        if (r.timedOut()) return "hang";
        if (r.status() == 200) return r.header("X-Zocalo-Truncated") != null ? "truncated" : "ok";
        if (r.status() == 414) return "uri-too-long";
        try {
            JsonNode e = JSON.readTree(r.body()).get("error");
            return e == null ? "?" : e.path("code").asText("?");
        } catch (java.io.IOException e) {
            return "not JSON";
        }
    }

    /** A flood's tally: outcomes by {@code status code}, and how many were outside the allowed ones. */
    public record Flood(int sent, Map<String, Integer> outcomes, int wrong, long slowestMillis, double seconds) {}

    /**
     * {@code total} slow queries (the first {@code Abuse}s, in turn) sent by {@code clients} at once, each on its own
     * connection; every answer must be one of {@link #STOPPED}, with {@code Retry-After} on {@code 503 busy}.
     */
    public static Flood flood(String host, int port, int total, int clients, int timeoutMillis, AtomicBoolean stop) throws InterruptedException {
        return flood(host, port, slowQueries(), total, clients, timeoutMillis, stop);
    }

    /** The abusive queries that run (not refused at once): those a flood sends. */
    public static List<Abuse> slowQueries() {
        return queries().stream().filter(a -> !a.post() && a.allowed().stream().allMatch(STOPPED::contains)).toList();
    }

    public static Flood flood(String host, int port, List<Abuse> slow, int total, int clients, int timeoutMillis, AtomicBoolean stop)
            throws InterruptedException {
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong slowest = new java.util.concurrent.atomic.AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(null, () -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < total && !stop.get(); ) {
                        Abuse a = slow.get(i % slow.size());
                        Outcome o = send(host, port, a, timeoutMillis);
                        outcomes.merge(o.key(), 1, Integer::sum);
                        slowest.accumulateAndGet(o.millis(), Math::max);
                        // a documented limit; the refusals with Retry-After (too-many: a portal that limits each address)
                        boolean ok = (STOPPED.contains(o.key()) || o.key().equals("429 too-many"))
                                && (!o.code().equals("busy") && !o.code().equals("too-many") || o.retryAfter() != null);
                        if (!ok) wrong.incrementAndGet();
                    }
                } finally {
                    done.countDown();
                }
            }, "abuse-" + c, 256 * 1024);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        int sent = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        return new Flood(sent, new TreeMap<>(outcomes), wrong.get(), slowest.get(), (System.nanoTime() - t0) / 1e9);
    }

    /** Page latencies (µs, sorted) and how many answers were not 200. */
    public record Latencies(long[] micros, int failures) {
        /** The {@code q} quantile in milliseconds. */
        public double p(double q) {
            if (micros.length == 0) return Double.NaN;
            return micros[Math.min(micros.length - 1, Math.max(0, (int) Math.ceil(micros.length * q) - 1))] / 1000.0;
        }

        public int count() {
            return micros.length;
        }
    }

    /** {@code clients} clients asking {@code paths} in turn (a new connection each, as a browser's first visit) for {@code forMillis}. */

    public static Latencies pageLatencies(String host, int port, List<String> paths, int clients, long forMillis) throws InterruptedException {
        List<long[]> per = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        long end = System.nanoTime() + forMillis * 1_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[][] mine = {new long[1024]};
            int[] n = {0};
            int offset = c;
            Thread t = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    String path = paths.get(i % paths.size());
                    byte[] req = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nAccept-Language: es\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    long s = System.nanoTime();
                    RawHttp.Answer a = RawHttp.exchange(host, port, req, 30_000);
                    long us = (System.nanoTime() - s) / 1_000;
                    if (a.status() != 200) failures.incrementAndGet();
                    if (n[0] == mine[0].length) mine[0] = Arrays.copyOf(mine[0], n[0] * 2);
                    mine[0][n[0]++] = us;
                }
                synchronized (per) {
                    per.add(Arrays.copyOf(mine[0], n[0]));
                }
            }, "pages-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        long[] all = per.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Latencies(all, failures.get());
    }
}
