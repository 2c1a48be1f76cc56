package mx.zocalo.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.QuerySlots;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.store.StoreUnavailableException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import mx.zocalo.server.ops.PortalMetrics;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.Syntax;
import org.apache.jena.shared.JenaException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.update.UpdateFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SPARQL 1.1 Protocol at {@code /sparql}, read-only: queries by GET, by POST as a form or as
 * {@code application/sparql-query}; SELECT and ASK results in JSON, XML, CSV, TSV (and an HTML table for
 * browsers), CONSTRUCT and DESCRIBE in Turtle, N-Triples, JSON-LD, RDF/XML, N-Quads and TriG, chosen by
 * {@code Accept} or by a {@code format}/{@code output} parameter. Without a query it answers with the
 * SPARQL service description (RDF) or the workbench (HTML).
 *
 * <p>Limits ({@link SparqlLimits}): at most {@code maxConcurrent} queries run at once, the row API's included
 * ({@link QuerySlots}, shared); others wait up to
 * {@code queueWaitMillis}, then get 503 with {@code Retry-After}), each for at most {@code timeoutSeconds}
 * (then 503 with a message), and a result has at most {@code maxRows} solutions or triples: a longer one is cut
 * and carries {@value #TRUNCATED_HEADER}{@code : maxRows}. Results are gathered before the first byte is sent,
 * so a timeout or truncation is always known when the status and headers are written. Every answer allows
 * any origin (CORS); federated {@code SERVICE} calls are not made. Answers are kept in memory by store version and
 * query ({@code X-Cache: hit} when one is replayed), so a publish, which changes the version, retires them all; a
 * request with {@code Cache-Control: no-cache} is run again, past the cache; a query using {@code NOW()}, {@code RAND()}, {@code UUID()}, {@code STRUUID()} or {@code BNODE()} is always run.
 */
final class SparqlService {
    static final String PATH = "/sparql";
    static final String TRUNCATED_HEADER = "X-Zocalo-Truncated";
    /** How long after its time limit a query that has not stopped is answered as stopped anyway. */
    static final long STOP_GRACE_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.sparql");

    private final Store store;
    private final PortalIris iris;
    private final SparqlLimits limits;
    private final QuerySlots slots;
    private final SparqlWorkbench workbench;
    private final SparqlErrors errors;
    private final RdfResponses rdf;
    private final java.util.function.Supplier<String> version;
    /** Queries run there, below the pages' priority: abuse of /sparql does not slow pages down. */
    private final mx.zocalo.server.store.QueryThreads threads;
    /** Refusals held until the queue wait is over (shared with the row API, as the next two). */
    private final DelayedRefusals refusals;
    /** What each client address may ask. */
    private final ClientQueries clients;
    /** Stops the running queries when the heap is nearly full. */
    private final mx.zocalo.server.store.HeapWatchdog heap;
    /**
     * Answers already computed, by store version and query (after the protocol's dataset and the row limit were
     * applied): a query asked again before the next publish is answered without running. Weighed in cells (rows ×
     * variables, or triples × 3), so large results push out small ones, not the other way round.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Outcome> answers;
    private final mx.zocalo.server.store.VersionedEntries oldAnswers;
    /** The cells the answer cache holds at most by default: with the default row limit, a few hundred full results. */
    static final long DEFAULT_CACHE_CELLS = 4_000_000;
    private static final java.util.regex.Pattern VOLATILE =
            java.util.regex.Pattern.compile("(?i)\\b(RAND|NOW|UUID|STRUUID|BNODE)\\s*\\(");

    SparqlService(Store store, PortalIris iris, SparqlLimits limits, QuerySlots slots, SparqlWorkbench workbench, SparqlErrors errors,
            RdfResponses rdf, java.util.function.Supplier<String> version, long cacheCells, mx.zocalo.server.store.HeapWatchdog heap,
            DelayedRefusals refusals, ClientQueries clients) {
        this.errors = errors;
        this.heap = heap;
        this.refusals = refusals;
        this.clients = clients;
        this.version = version;
        this.answers = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumWeight(cacheCells)
                .weigher((String k, Outcome o) -> (int) Math.min(Integer.MAX_VALUE, 1 + k.length() / 16
                        + (o.graph() != null ? 3L * o.graph().size() : (long) o.rows().size() * Math.max(1, o.vars().size()))))
                .build();
        this.oldAnswers = new mx.zocalo.server.store.VersionedEntries(answers.asMap()); // a new data version drops the old answers
        this.store = store;
        this.iris = iris;
        this.limits = limits;
        this.slots = slots;
        this.workbench = workbench;
        this.rdf = rdf;
        this.threads = new mx.zocalo.server.store.QueryThreads(slots.max());
    }

    /** Stops the query threads. */
    void close() {
        threads.close();
    }

    /** {@code /sparql} for GET, HEAD, POST and OPTIONS; {@code /sparql/update} refused. */
    void register(JavalinConfig config) {
        config.routes.get(PATH, this::get);
        config.routes.head(PATH, this::get);
        config.routes.post(PATH, this::post);
        config.routes.options(PATH, this::preflight);
        config.routes.options(PATH + "/*", this::preflight);
        config.routes.post(PATH + "/update", ctx -> refuseUpdate(cors(ctx), null));
        config.routes.get(PATH + "/update", ctx -> refuseUpdate(cors(ctx), null));
    }

    SparqlLimits limits() {
        return limits;
    }

    // ---- requests

    void get(Context ctx) {
        cors(ctx);
        if (ctx.queryParam("update") != null) {
            refuseUpdate(ctx, ctx.queryParam("update"));
            return;
        }
        String query = ctx.queryParam("query");
        if (query == null) {
            describe(ctx);
            return;
        }
        run(ctx, query, ctx.queryParams("default-graph-uri"), ctx.queryParams("named-graph-uri"),
                first(ctx.queryParam("format"), ctx.queryParam("output")));
    }

    void post(Context ctx) {
        cors(ctx);
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case "application/x-www-form-urlencoded" -> {
                if (ctx.formParam("update") != null) {
                    refuseUpdate(ctx, ctx.formParam("update"));
                    return;
                }
                String query = ctx.formParam("query");
                if (query == null) {
                    errors.send(ctx, null, first(ctx.formParam("format"), ctx.queryParam("format")), 400, "missing-form-query");
                    return;
                }
                List<String> dgu = new ArrayList<>(ctx.formParams("default-graph-uri"));
                dgu.addAll(ctx.queryParams("default-graph-uri"));
                List<String> ngu = new ArrayList<>(ctx.formParams("named-graph-uri"));
                ngu.addAll(ctx.queryParams("named-graph-uri"));
                run(ctx, query, dgu, ngu, first(ctx.formParam("format"), ctx.formParam("output"),
                        ctx.queryParam("format"), ctx.queryParam("output")));
            }
            case "application/sparql-query" -> run(ctx, ctx.body(), ctx.queryParams("default-graph-uri"),
                    ctx.queryParams("named-graph-uri"), first(ctx.queryParam("format"), ctx.queryParam("output")));
            case "application/sparql-update" -> refuseUpdate(ctx, ctx.body());
            default -> errors.send(ctx, null, ctx.queryParam("format"), 415, "unsupported-media-type", Map.of("type", type), null);
        }
    }

    /** CORS preflight: any origin may query with GET and POST. */
    void preflight(Context ctx) {
        cors(ctx);
        String asked = ctx.header("Access-Control-Request-Headers");
        ctx.header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
                .header("Access-Control-Allow-Headers", asked != null && !asked.isBlank() ? asked : "Accept, Accept-Language, Content-Type")
                .header("Access-Control-Max-Age", "86400")
                .header("Allow", "GET, HEAD, POST, OPTIONS")
                .status(204);
    }

    private static Context cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", TRUNCATED_HEADER + ", Retry-After, Content-Disposition");
        return ctx;
    }

    private void refuseUpdate(Context ctx, String update) {
        errors.send(ctx, update, first(ctx.queryParam("format"), ctx.queryParam("output")), 403, "read-only");
    }

    /** No query: the service description as RDF, or the workbench for browsers. */
    private void describe(Context ctx) {
        ctx.header("Vary", "Accept");
        String type = ContentNegotiation.choose(ctx.header("Accept"), SparqlFormats.DESCRIPTION_TYPES).orElse(null);
        if (type == null) {
            errors.send(ctx, null, null, 400, "missing-query",
                    Map.of("types", String.join(", ", SparqlFormats.DESCRIPTION_TYPES.subList(1, SparqlFormats.DESCRIPTION_TYPES.size()))), null);
            return;
        }
        if (type.equals(SparqlFormats.HTML)) {
            workbench.page(ctx, null, null, null);
            return;
        }
        Graph sd = store.read(dsg -> ServiceDescription.of(dsg, iris, limits));
        rdf.send(ctx, sd, type);
    }

    // ---- running a query

    /** What a query gave, gathered in full (at most maxRows) before anything is sent. */
    record Outcome(Query query, List<Var> vars, List<Binding> rows, Boolean ask, Graph graph, boolean truncated) {}

    private void run(Context ctx, String queryString, List<String> defaultGraphs, List<String> namedGraphs, String format) {
        ctx.header("Vary", "Accept");
        Query query;
        try {
            query = QueryFactory.create(queryString, Syntax.syntaxARQ);
        } catch (QueryException e) {
            if (isUpdate(queryString)) {
                refuseUpdate(ctx, queryString);
                return;
            }
            errors.syntax(ctx, queryString, e, format);
            return;
        }
        if (!(query.isSelectType() || query.isAskType() || query.isConstructType() || query.isDescribeType())) {
            errors.send(ctx, queryString, format, 400, "query-form");
            return;
        }
        if (QueryShape.federated(query)) {
            errors.send(ctx, queryString, format, 400, "federated");
            return;
        }
        if (QueryShape.offsetAbove(query, maxOffset())) {
            errors.send(ctx, queryString, format, 400, "offset-too-large", Map.of("max", String.valueOf(maxOffset())), null);
            return;
        }
        boolean results = query.isSelectType() || query.isAskType();
        String type = SparqlFormats.choose(ctx, results, format);
        String errorFormat = format != null ? format : type;
        boolean html = type.equals(SparqlFormats.HTML);
        if (!defaultGraphs.isEmpty() || !namedGraphs.isEmpty()) {
            // the protocol's dataset overrides the query's FROM and FROM NAMED
            query.getGraphURIs().clear();
            query.getNamedGraphURIs().clear();
            defaultGraphs.forEach(query::addGraphURI);
            namedGraphs.forEach(query::addNamedGraphURI);
        }
        prepare(query);
        String key = noCache(ctx) || VOLATILE.matcher(queryString).find() ? null
                : version.get() + "\n" + query.serialize(Syntax.syntaxARQ);
        if (key != null) oldAnswers.asked(key.substring(0, key.indexOf('\n')));
        Outcome cached = key == null ? null : answers.getIfPresent(key);
        if (cached != null) {
            PortalMetrics.sparql(PortalMetrics.SparqlOutcome.CACHED);
            ctx.header("X-Cache", "hit");
            answer(ctx, queryString, cached, html, type);
            return;
        }
        Outcome outcome;
        String client = clients.client(ctx);
        ClientQueries.Admission admission = clients.enter(client);
        if (!admission.admitted()) {
            PortalMetrics.sparql(PortalMetrics.SparqlOutcome.REJECTED);
            // as a refusal for want of a slot: answered when the queue wait is over, no thread held
            refusals.answerAfter(ctx, limits.queueWaitMillis(), () -> {
                ctx.header("Retry-After", String.valueOf(admission.retryAfterSeconds()));
                errors.send(ctx, queryString, errorFormat, 429, admission.code(), clients.values(admission), null);
            });
            return;
        }
        try {
            long asked = System.nanoTime();
            if (!slots.tryAcquire()) {
                clients.leave(client, 0);
                PortalMetrics.sparql(PortalMetrics.SparqlOutcome.REJECTED);
                // refused now because enough wait already: answered when the queue wait is over, no thread held
                long waited = (System.nanoTime() - asked) / 1_000_000;
                refusals.answerAfter(ctx, limits.queueWaitMillis() - waited, () -> {
                    ctx.header("Retry-After", "5");
                    errors.send(ctx, queryString, errorFormat, 503, "busy", Map.of("n", String.valueOf(limits.maxConcurrent())), null);
                });
                return;
            }
        } catch (InterruptedException e) {
            clients.leave(client, 0);
            Thread.currentThread().interrupt();
            errors.send(ctx, queryString, errorFormat, 503, "interrupted");
            return;
        }
        long t0 = System.nanoTime();
        try {
            // the slot (and the client's count) given back when the query ends, on its thread: one past its limit keeps
            // them (QueryThreads)
            outcome = threads.call(() -> store.query(query, Duration.ofSeconds(limits.timeoutSeconds()), qe -> heap.watch(qe, () -> gather(qe, query))),
                    limits.timeoutSeconds() * 1000L + STOP_GRACE_MILLIS, () -> {
                        slots.release();
                        clients.leave(client, System.nanoTime() - t0); // its running time taken from the client's budget
                    });
        } catch (mx.zocalo.server.store.HeapWatchdog.HeapPressure e) {
            PortalMetrics.sparql(PortalMetrics.SparqlOutcome.FAILED);
            ctx.header("Retry-After", "30");
            errors.send(ctx, queryString, errorFormat, 503, "memory");
            return;
        } catch (QueryCancelledException e) {
            PortalMetrics.sparql(PortalMetrics.SparqlOutcome.TIMED_OUT);
            LOG.info("query stopped after the time limit of {} s", limits.timeoutSeconds());
            errors.send(ctx, queryString, errorFormat, 503, "timeout", Map.of("seconds", String.valueOf(limits.timeoutSeconds())), null);
            return;
        } catch (StoreUnavailableException e) {
            PortalMetrics.sparql(PortalMetrics.SparqlOutcome.FAILED);
            LOG.warn("query not answered: {}", e.getMessage());
            errors.send(ctx, queryString, errorFormat, 502, "store-unavailable");
            return;
        } catch (JenaException e) {
            PortalMetrics.sparql(PortalMetrics.SparqlOutcome.FAILED);
            errors.send(ctx, queryString, errorFormat, 400, "query-failed", Map.of(), e.getMessage());
            return;
        }
        LOG.debug("query answered in {} ms", (System.nanoTime() - t0) / 1_000_000);
        PortalMetrics.sparql(PortalMetrics.SparqlOutcome.RUN);
        if (key != null) answers.put(key, outcome);
        answer(ctx, queryString, outcome, html, type);
    }

    /**
     * The largest {@code OFFSET} a query may have: 100 pages of the row limit. ARQ skips an offset before the query's
     * time limit can stop it, so a huge one would run until it ends (see {@code QueryThreads}).
     */
    long maxOffset() {
        return 100L * limits.maxRows();
    }

    /** The client asks for an answer computed now ({@code Cache-Control: no-cache}, or the older {@code Pragma}). */
    private static boolean noCache(Context ctx) {
        String cc = ctx.header("Cache-Control");
        String pragma = ctx.header("Pragma");
        return cc != null && NO_CACHE.matcher(cc).find() || pragma != null && NO_CACHE.matcher(pragma).find();
    }

    private static final java.util.regex.Pattern NO_CACHE =
            java.util.regex.Pattern.compile("(?i)\\b(no-cache|no-store|max-age=0)\\b");

    private void answer(Context ctx, String queryString, Outcome outcome, boolean html, String type) {
        if (outcome.truncated()) ctx.header(TRUNCATED_HEADER, String.valueOf(limits.maxRows()));
        if (html) {
            workbench.page(ctx, queryString, outcome, null);
        } else {
            SparqlFormats.write(ctx, outcome, type);
        }
    }

    /** A SELECT without a smaller LIMIT gets LIMIT maxRows + 1: one more than allowed tells a cut result from one that fits. */
    private void prepare(Query query) {
        int max = limits.maxRows();
        if (query.isSelectType() && (!query.hasLimit() || query.getLimit() > max)) {
            query.setLimit(max + 1L);
        }
    }

    /** Reads at most maxRows solutions or triples (and whether there were more) from the store's execution. */
    private Outcome gather(QueryExecution qe, Query query) {
        int max = limits.maxRows();
        if (query.isSelectType()) {
            ResultSet rs = qe.execSelect();
            List<Var> vars = Var.varList(rs.getResultVars());
            List<Binding> rows = new ArrayList<>();
            while (rs.hasNext() && rows.size() <= max) rows.add(rs.nextBinding().detach());
            boolean truncated = rows.size() > max;
            return new Outcome(query, vars, truncated ? rows.subList(0, max) : rows, null, null, truncated);
        }
        if (query.isAskType()) return new Outcome(query, List.of(), List.of(), qe.execAsk(), null, false);
        Iterator<Triple> triples = query.isConstructType() ? qe.execConstructTriples() : qe.execDescribeTriples();
        Graph g = GraphFactory.createDefaultGraph();
        boolean truncated = false;
        while (triples.hasNext()) {
            Triple t = triples.next();
            if (g.size() >= max && !g.contains(t)) {
                truncated = true;
                break;
            }
            g.add(t);
        }
        g.getPrefixMapping().setNsPrefixes(query.getPrefixMapping());
        return new Outcome(query, List.of(), List.of(), null, g, truncated);
    }

    // ---- negotiation and errors


    private static boolean isUpdate(String text) {
        try {
            UpdateFactory.create(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String first(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }
}
