package mx.zocalo.converter.rml;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;

/**
 * The join keys of a record: one value per side of a join's conditions (an {@code rml:childMap} or {@code rml:parentMap},
 * any expression map), compared as text (an IRI's text, a literal's lexical form). A side with several values gives one
 * key per combination; a side with no value (NULL) gives none, so that the record joins nothing.
 */
final class JoinKeys {
    private JoinKeys() {}

    /** The keys of {@code row} for these sides, evaluated with {@code base}; a side that fails throws {@link RuleFailure}. */
    static List<List<String>> of(TermGenerator terms, Record row, List<TermMap> sides, String base) {
        if (sides.size() == 1) { // the common case: one condition, usually one value
            List<Node> values = RuleFailure.eval(terms, sides.get(0), row, base);
            List<List<String>> keys = new ArrayList<>(values.size());
            for (Node v : values) {
                keys.add(List.of(text(v)));
            }
            return keys;
        }
        List<List<String>> keys = new ArrayList<>(List.of(List.of()));
        for (TermMap side : sides) {
            List<Node> values = RuleFailure.eval(terms, side, row, base);
            List<List<String>> next = new ArrayList<>(keys.size() * values.size());
            for (List<String> key : keys) {
                for (Node v : values) {
                    List<String> longer = new ArrayList<>(key.size() + 1);
                    longer.addAll(key);
                    longer.add(text(v));
                    next.add(longer);
                }
            }
            keys = next;
        }
        return keys;
    }

    static String text(Node n) {
        return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }
}
