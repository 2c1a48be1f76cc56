package mx.zocalo.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTPBuilder;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.GSP;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.exec.http.UpdateExecHTTP;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.update.UpdateRequest;

/**
 * The three services of a remote SPARQL 1.1 store — query, update, Graph Store Protocol — and the few requests the
 * store makes to them. Every failure becomes a {@link StoreUnavailableException} naming the URL.
 */
record RemoteEndpoints(String query, String update, String data) {
    /** Stops remote queries that run past their time limit (one daemon thread for every store). */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zocalo-remote-query-deadlines");
        t.setDaemon(true);
        return t;
    });

    /**
     * One query at the query endpoint, its execution handed to {@code action}. The time limit is kept three ways: the
     * store is asked to stop then too (the {@code timeout} parameter, in seconds, as Fuseki and RDF4J read it), the HTTP
     * request gives up if no answer has begun by then, and the execution is aborted at the deadline even while its
     * results are still arriving. Past the deadline every failure is a {@link QueryCancelledException}; so is the
     * store's own 503. A query the store refuses (4xx) is a {@link QueryException} with its message; anything else
     * is a {@link StoreUnavailableException}.
     */
    <T> T query(Query q, java.time.Duration timeout, Function<QueryExecution, T> action) {
        long millis = Math.max(1, timeout.toMillis());
        QueryExecutionHTTPBuilder b = QueryExecutionHTTP.service(query)
                .param("timeout", Long.toString(Math.max(1, (millis + 999) / 1000)));
        b.query(q);
        b.timeout(millis, TimeUnit.MILLISECONDS);
        AtomicBoolean late = new AtomicBoolean();
        try (QueryExecution qe = b.build()) {
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                late.set(true);
                qe.abort();
            }, millis, TimeUnit.MILLISECONDS);
            try {
                return action.apply(qe);
            } finally {
                deadline.cancel(false);
            }
        } catch (QueryCancelledException e) {
            throw e;
        } catch (QueryExceptionHTTP e) {
            if (late.get() || e.getStatusCode() == 503 || timedOut(e)) throw new QueryCancelledException();
            if (e.getStatusCode() >= 400 && e.getStatusCode() < 500 && e.getStatusCode() != 404) {
                throw new QueryException("the SPARQL store refused the query: " + firstLine(e.getResponse() != null ? e.getResponse() : e.getMessage()), e);
            }
            throw unavailable(query, e);
        } catch (RuntimeException e) {
            if (late.get() || timedOut(e)) throw new QueryCancelledException();
            throw unavailable(query, e);
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException) return true;
        }
        return false;
    }

    private static StoreUnavailableException unavailable(String url, RuntimeException e) {
        if (e instanceof StoreUnavailableException s) return s;
        if (e instanceof QueryExceptionHTTP h && h.getStatusCode() > 0) {
            return new StoreUnavailableException("The SPARQL store at " + url + " failed: HTTP " + h.getStatusCode() + " "
                    + firstLine(h.getResponse()), e);
        }
        if (e instanceof HttpException h && h.getStatusCode() > 0) {
            return new StoreUnavailableException("The SPARQL store at " + url + " failed: HTTP " + h.getStatusCode() + " "
                    + firstLine(h.getResponse()), e);
        }
        return new StoreUnavailableException("Cannot reach the SPARQL store at " + url + ": " + rootMessage(e), e);
    }

    /** A SELECT, read to the end (the results are small or paged by the caller). */
    List<Binding> select(Query q, Map<Var, Node> substitution) {
        return call(query, () -> {
            var b = QueryExecHTTP.service(query).query(q);
            substitution.forEach(b::substitution);
            try (var exec = b.build()) {
                RowSet rows = exec.select();
                List<Binding> out = new ArrayList<>();
                rows.forEachRemaining(out::add);
                return out;
            }
        });
    }

    boolean ask(Query q, Map<Var, Node> substitution) {
        return call(query, () -> {
            var b = QueryExecHTTP.service(query).query(q);
            substitution.forEach(b::substitution);
            try (var exec = b.build()) {
                return exec.ask();
            }
        });
    }

    /** The whole named graph (Graph Store Protocol GET); empty when the store has no such graph. */
    Graph get(Node graph) {
        return call(data, () -> {
            try {
                return GSP.service(data).graphName(graph).GET();
            } catch (HttpException e) {
                if (e.getStatusCode() == 404) return GraphFactory.createDefaultGraph();
                throw e;
            }
        });
    }

    /** Replaces a named graph (Graph Store Protocol PUT: one request, atomic per graph in Fuseki). */
    void put(Node graph, Graph content) {
        call(data, () -> {
            GSP.service(data).graphName(graph).PUT(content);
            return null;
        });
    }

    /** Removes a named graph; nothing to do when it is not there. */
    void delete(Node graph) {
        call(data, () -> {
            try {
                GSP.service(data).graphName(graph).DELETE();
            } catch (HttpException e) {
                if (e.getStatusCode() != 404) throw e;
            }
            return null;
        });
    }

    void update(UpdateRequest request) {
        call(update, () -> {
            UpdateExecHTTP.service(update).update(request).build().execute();
            return null;
        });
    }

    private static <T> T call(String url, Supplier<T> request) {
        try {
            return request.get();
        } catch (HttpException e) {
            String why = e.getStatusCode() > 0 ? "HTTP " + e.getStatusCode() + " " + firstLine(e.getResponse())
                    : rootMessage(e);
            throw new StoreUnavailableException("The SPARQL store at " + url + " failed: " + why, e);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("Cannot reach the SPARQL store at " + url + ": " + rootMessage(e), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) return "";
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }
}
