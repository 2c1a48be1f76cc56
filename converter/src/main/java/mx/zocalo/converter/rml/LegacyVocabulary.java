package mx.zocalo.converter.rml;

import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;

/**
 * Rewrites the older mapping vocabularies, as RMLMapper accepts them, into RML ({@code http://w3id.org/rml/})
 * before the mapping is read, so the rest of the engine knows only one vocabulary: R2RML
 * ({@code http://www.w3.org/ns/r2rml#}: {@code rr:subjectMap}, {@code rr:template}, {@code rr:column}, ...), the
 * legacy RML namespace ({@code http://semweb.mmlab.be/ns/rml#}: {@code rml:logicalSource}, {@code rml:source},
 * {@code rml:reference}, {@code rml:iterator}, ...) and its reference formulations ({@code http://semweb.mmlab.be/ns/ql#}:
 * {@code ql:CSV}, {@code ql:JSONPath}). Every term keeps its local name except {@code rr:column}, which becomes
 * {@code rml:reference}.
 */
final class LegacyVocabulary {
    static final String R2RML = "http://www.w3.org/ns/r2rml#";
    static final String LEGACY_RML = "http://semweb.mmlab.be/ns/rml#";
    static final String QL = "http://semweb.mmlab.be/ns/ql#";

    private LegacyVocabulary() {}

    /** Rewrites {@code graph} in place; returns the vocabulary it used, in words, for messages. */
    static String normalise(Graph graph) {
        boolean rml = false;
        boolean legacyRml = false;
        boolean r2rml = false;
        List<Triple> all = graph.find().toList();
        for (Triple t : all) {
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                if (n.isURI()) {
                    String iri = n.getURI();
                    rml |= iri.startsWith(Rml.NS);
                    legacyRml |= iri.startsWith(LEGACY_RML) || iri.startsWith(QL);
                    r2rml |= iri.startsWith(R2RML);
                }
            }
        }
        if (legacyRml || r2rml) {
            for (Triple t : all) {
                Node s = map(t.getSubject());
                Node p = map(t.getPredicate());
                Node o = map(t.getObject());
                if (s != t.getSubject() || p != t.getPredicate() || o != t.getObject()) {
                    graph.delete(t);
                    graph.add(Triple.create(s, p, o));
                }
            }
        }
        StringBuilder words = new StringBuilder();
        if (rml) {
            words.append("RML (").append(Rml.NS).append(")");
        }
        if (legacyRml) {
            words.append(words.isEmpty() ? "" : " + ").append("legacy RML (").append(LEGACY_RML).append(")");
        }
        if (r2rml) {
            words.append(words.isEmpty() ? "" : " + ").append("R2RML (").append(R2RML).append(")");
        }
        return words.isEmpty() ? "none" : words.toString();
    }

    private static Node map(Node n) {
        if (!n.isURI()) {
            return n;
        }
        String iri = n.getURI();
        if (iri.startsWith(R2RML)) {
            String local = iri.substring(R2RML.length());
            return NodeFactory.createURI(Rml.NS + (local.equals("column") ? "reference" : local));
        }
        if (iri.startsWith(LEGACY_RML)) {
            return NodeFactory.createURI(Rml.NS + iri.substring(LEGACY_RML.length()));
        }
        if (iri.startsWith(QL)) {
            return NodeFactory.createURI(Rml.NS + iri.substring(QL.length()));
        }
        return n;
    }
}
