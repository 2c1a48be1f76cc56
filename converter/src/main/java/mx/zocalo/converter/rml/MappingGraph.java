package mx.zocalo.converter.rml;

import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;

/** The parsed mapping as RDF, with the look-ups the readers share and messages for what is missing or repeated. */
record MappingGraph(Graph graph) {

    List<Node> objects(Node s, Node p) {
        return graph.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
    }

    Node single(Node s, Node p, String what, boolean required) {
        List<Node> values = objects(s, p);
        if (values.size() > 1) {
            throw new MappingException(what + " is given " + values.size() + " times; give it once");
        }
        if (values.isEmpty()) {
            if (required) {
                throw new MappingException(what + " is missing");
            }
            return null;
        }
        return values.get(0);
    }

    /** An IRI as the mapping writes it ({@code rdfs:label}), else in angle brackets. */
    String shortName(Node n) {
        if (n.isURI()) {
            String s = graph.getPrefixMapping().shortForm(n.getURI());
            return s.equals(n.getURI()) ? "<" + s + ">" : s;
        }
        return n.toString();
    }

    boolean has(Node s, Node p, Node o) {
        return graph.contains(s, p, o);
    }
}
