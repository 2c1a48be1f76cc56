package mx.zocalo.server.publish;

import java.util.HashMap;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.query.ParameterizedSparqlString;

/** A first query for a dataset without one: things of its commonest class, with their properties. */
final class SampleQuery {
    private SampleQuery() {}

    /** The query for the class with the most instances in {@code graph} (read through the type index). */
    static String forGraph(DatasetGraph dsg, Node graph) {
        Map<Node, Long> counts = new HashMap<>();
        dsg.find(graph, Node.ANY, RDF.Nodes.type, Node.ANY).forEachRemaining(q -> counts.merge(q.getObject(), 1L, Long::sum));
        Node cls = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        return forClass(graph, cls);
    }

    static String forClass(Node graph, Node cls) {
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
