package mx.zocalo.server.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

/** Labels of terms (themes, licences, properties, classes) from any graph of the store: the vocabularies hold most. */
final class Labels {
    static final List<Node> PROPERTIES = List.of(SKOS.prefLabel.asNode(), RDFS.label.asNode(), DCTerms.title.asNode());
    private final DatasetGraph dsg;
    private final Graph bundled;

    /** Labels from the store, then from the bundled vocabularies (not yet in a store being filled for the first time). */
    Labels(DatasetGraph dsg, Graph bundled) {
        this.dsg = dsg;
        this.bundled = bundled;
    }

    /** The label in {@code lang}, else Spanish, else any, else the IRI's last part. */
    String label(Node term, String lang) {
        for (Node p : PROPERTIES) {
            String fallback = null;
            List<Node> found = new ArrayList<>();
            dsg.find(Node.ANY, term, p, Node.ANY).forEachRemaining(q -> found.add(q.getObject()));
            if (found.isEmpty()) bundled.find(term, p, Node.ANY).forEachRemaining(t -> found.add(t.getObject()));
            for (Node o : found) {
                if (!o.isLiteral()) continue;
                if (o.getLiteralLanguage().startsWith(lang)) return o.getLiteralLexicalForm();
                if (fallback == null || o.getLiteralLanguage().startsWith("es")) fallback = o.getLiteralLexicalForm();
            }
            if (fallback != null) return fallback;
        }
        if (!term.isURI()) return term.toString();
        String last = term.getURI().replaceAll("[/#]+$", "");
        return last.substring(Math.max(last.lastIndexOf('/'), last.lastIndexOf('#')) + 1);
    }

    /** Every label literal of {@code term}, any language. */
    List<Node> all(Node term) {
        List<Node> out = new ArrayList<>();
        for (Node p : PROPERTIES) {
            dsg.find(Node.ANY, term, p, Node.ANY).forEachRemaining(q -> {
                if (q.getObject().isLiteral() && !out.contains(q.getObject())) out.add(q.getObject());
            });
            bundled.find(term, p, Node.ANY).forEachRemaining(t -> {
                if (t.getObject().isLiteral() && !out.contains(t.getObject())) out.add(t.getObject());
            });
        }
        return out;
    }
}
