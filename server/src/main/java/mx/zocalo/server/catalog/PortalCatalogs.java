package mx.zocalo.server.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import mx.zocalo.server.store.Store;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;

/**
 * The portal catalogs a store holds, whatever base they were published under: a portal's catalog is
 * {@code {base}catalog}, a {@code dcat:Catalog} in its own catalog graph {@code {base}graph/catalog}. Harvested
 * sub-catalogs ({@code {base}catalog/harvested/NAME}) and catalogs described inside harvested records are not portal
 * catalogs: their IRI and graph do not fit that pattern.
 */
public final class PortalCatalogs {
    private static final Query CATALOGS = QueryFactory.create("""
            PREFIX dcat: <http://www.w3.org/ns/dcat#>
            SELECT DISTINCT ?g ?c WHERE { GRAPH ?g { ?c a dcat:Catalog } }""");
    private static final Query GRAPHS = QueryFactory.create("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private PortalCatalogs() {}

    /** The base IRIs of the portal catalogs in {@code store}, in order. */
    public static List<String> bases(Store store) {
        return store.query(CATALOGS, TIMEOUT, qe -> {
            TreeSet<String> found = new TreeSet<>();
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                if (!s.get("g").isURIResource() || !s.get("c").isURIResource()) continue;
                String base = baseOf(s.getResource("c").getURI(), s.getResource("g").getURI());
                if (base != null) found.add(base);
            }
            return new ArrayList<>(found);
        });
    }

    /** The base of a catalog {@code {base}catalog} found in graph {@code {base}graph/catalog}, else null. */
    static String baseOf(String catalog, String graph) {
        if (!catalog.endsWith("/catalog")) return null;
        String base = catalog.substring(0, catalog.length() - "catalog".length());
        return graph.equals(base + "graph/catalog") ? base : null;
    }

    /** How many triples the named graph {@code graph} holds (0 when there is no such graph). */
    public static long triples(Store store, String graph) {
        ParameterizedSparqlString q = new ParameterizedSparqlString("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
        q.setIri("g", graph);
        return store.query(q.asQuery(), TIMEOUT, qe -> {
            ResultSet rs = qe.execSelect();
            return rs.hasNext() ? rs.next().getLiteral("n").getLong() : 0L;
        });
    }

    /** The names of the named graphs in {@code store}, in order. */
    public static List<String> graphs(Store store) {
        return store.query(GRAPHS, TIMEOUT, qe -> {
            TreeSet<String> found = new TreeSet<>();
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                var g = rs.next().get("g");
                if (g.isURIResource()) found.add(g.asResource().getURI());
            }
            return new ArrayList<>(found);
        });
    }
}
