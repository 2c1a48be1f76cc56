package mx.zocalo.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
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
