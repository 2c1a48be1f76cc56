package mx.zocalo.server.publish;

import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;

/** A first query for a dataset without one: things of its commonest class, with their properties. */
final class SampleQuery {
    private SampleQuery() {}

    /** For the class with the most instances of {@code classes} (IRI → instances, the most first: the VoID figures). */
    static String forClasses(Node graph, Map<String, Long> classes) {
        return forClass(graph, classes.isEmpty() ? null : NodeFactory.createURI(classes.keySet().iterator().next()));
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
