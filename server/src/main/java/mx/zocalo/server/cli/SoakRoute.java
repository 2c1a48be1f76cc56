package mx.zocalo.server.cli;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One kind of request of the soak (a route and the way it is asked), its share of the traffic, the check of its
 * answers when it is about the dataset republished during the run, and what was counted: requests, outcomes by status,
 * latencies over the whole run and per third of it.
 */
final class SoakRoute {
    /** The check of an answer: null when it is consistent, else what is wrong with it. */
    interface Check {
        String problem(HttpResponse<byte[]> response);
    }

    final String name;
    final String group;
    final int weight;
    final Function<Random, HttpRequest> request;
    final Check check;
    final LongAdder requests = new LongAdder();
    final LongAdder checked = new LongAdder();
    final LongAdder inconsistent = new LongAdder();
    final LongAdder marked = new LongAdder();
    final LongAdder stale = new LongAdder();
    final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    final SoakHistogram all = new SoakHistogram();
    final SoakHistogram[] thirds = {new SoakHistogram(), new SoakHistogram(), new SoakHistogram()};
    volatile String firstProblem;
    volatile String firstStale;

    /**
     * @param group  {@code page} (HTML pages whose p99 must stay stable), {@code data}, {@code search}, {@code api},
     *               {@code sparql}, {@code slow}
     * @param weight share of the ordinary clients' requests (0: run by its own clients)
     */
    SoakRoute(String name, String group, int weight, Function<Random, HttpRequest> request, Check check) {
        this.name = name;
        this.group = group;
        this.weight = weight;
        this.request = request;
        this.check = check;
    }

    /** Counts one answer (or {@code outcome} "io"/"timeout" when there was none) at {@code third} of the run. */
    void count(String outcome, long micros, int third) {
        requests.increment();
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        all.add(micros);
        thirds[Math.max(0, Math.min(2, third))].add(micros);
    }

    /** Counts a checked answer: {@code marked} when it held a version mark, its problem (null: none), its staleness. */
    void checkedAnswer(boolean marked, String problem, String stale) {
        checked.increment();
        if (marked) this.marked.increment();
        if (problem != null) {
            inconsistent.increment();
            if (firstProblem == null) firstProblem = problem;
        }
        if (stale != null) {
            this.stale.increment();
            if (firstStale == null) firstStale = stale;
        }
    }

    /**
     * The outcome of an answer: its status, except that a 503 the portal's limits document (it carries
     * {@code Retry-After}: every query slot taken, the search index being built; or its body names the query's time
     * limit, which the soak's slow queries are meant to hit) is {@code 503-limit}.
     */
    static String outcome(HttpResponse<byte[]> r) {
        int s = r.statusCode();
        if (s == 503) {
            if (r.headers().firstValue("Retry-After").isPresent()) return "503-limit";
            String body = new String(r.body(), 0, Math.min(r.body().length, 4096), java.nio.charset.StandardCharsets.UTF_8);
            if (body.contains("\"timeout\"") || body.contains("time limit") || body.contains("límite de tiempo")) return "503-limit";
        }
        return String.valueOf(s);
    }

    /** Outcomes other than 2xx/3xx, by key, sorted. */
    Map<String, Long> errors() {
        Map<String, Long> m = new TreeMap<>();
        outcomes.forEach((k, v) -> {
            if (!(k.startsWith("2") || k.startsWith("3"))) m.put(k, v.sum());
        });
        return m;
    }

    /** Answers that are a 5xx not documented by the limits, or no answer at all (connection error, timeout). */
    long unexpected() {
        long n = 0;
        for (Map.Entry<String, LongAdder> e : outcomes.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("5") && !k.equals("503-limit") || k.equals("io") || k.equals("timeout")) n += e.getValue().sum();
        }
        return n;
    }
}
