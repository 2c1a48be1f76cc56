package mx.zocalo.server.publish;

import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;

/** A first query for a dataset without one: things of the most common class in its graph, with their properties. */
final class SampleQuery {
    private static final String TOP_CLASS = """
            SELECT ?class (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } }
            GROUP BY ?class ORDER BY DESC(?n) LIMIT 1
            """;

    private SampleQuery() {}

    static String forGraph(DatasetGraph dsg, Node graph) {
        Node cls = null;
        try (QueryExec qe = QueryExec.dataset(dsg).query(TOP_CLASS).substitution("g", graph).build()) {
            RowSet rs = qe.select();
            if (rs.hasNext()) cls = rs.next().get("class");
        }
        ParameterizedSparqlString q = new ParameterizedSparqlString();
        if (cls == null) {
            q.setCommandText("SELECT ?s ?p ?o\nWHERE { GRAPH ?g { ?s ?p ?o } }\nLIMIT 20");
        } else {
            q.setCommandText("SELECT ?s ?p ?o\nWHERE { GRAPH ?g { ?s a ?class ; ?p ?o } }\nLIMIT 50");
            q.setParam("class", cls);
        }
        q.setParam("g", graph);
        return q.toString();
    }
}
