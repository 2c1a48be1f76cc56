package mx.zocalo.server.table;

import java.nio.charset.StandardCharsets;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.lucene.util.BytesRef;

/**
 * How the row index writes RDF terms: each term as one string that gives back the very same term (IRI, plain string,
 * string in a language, typed literal), so that conditions are decided on the term the store holds; and the row's IRI
 * as UTF-16 code units, whose byte order is Java's (and ARQ's) string order of IRIs.
 */
final class RowIndexTerms {
    /** The term of a row that has no value in a column. */
    static final String MISSING = "";

    private RowIndexTerms() {}

    static String encode(Node n) {
        if (n == null) return MISSING;
        if (n.isURI()) return "U" + n.getURI();
        if (n.isBlank()) return "B" + n.getBlankNodeLabel();
        String lang = n.getLiteralLanguage();
        if (lang != null && !lang.isEmpty()) return "L" + lang + '\u0000' + n.getLiteralLexicalForm();
        String dt = n.getLiteralDatatypeURI();
        if (dt == null || dt.equals(XSDDatatype.XSDstring.getURI())) return "S" + n.getLiteralLexicalForm();
        return "D" + dt + '\u0000' + n.getLiteralLexicalForm();
    }

    /** The term {@link #encode} wrote; {@code null} for {@link #MISSING}. */
    static Node decode(String s) {
        if (s.isEmpty()) return null;
        String rest = s.substring(1);
        switch (s.charAt(0)) {
            case 'U': return NodeFactory.createURI(rest);
            case 'B': return NodeFactory.createBlankNode(rest);
            case 'S': return NodeFactory.createLiteralString(rest);
            case 'L': {
                int cut = rest.indexOf('\u0000');
                return NodeFactory.createLiteralLang(rest.substring(cut + 1), rest.substring(0, cut));
            }
            case 'D': {
                int cut = rest.indexOf('\u0000');
                return NodeFactory.createLiteralDT(rest.substring(cut + 1), TypeMapper.getInstance().getSafeTypeByName(rest.substring(0, cut)));
            }
            default: throw new IllegalArgumentException("Not a term of the row index: " + s);
        }
    }

    /** {@code s} as UTF-16 code units, big-endian: unsigned byte order is {@link String#compareTo} order. */
    static BytesRef utf16(String s) {
        return new BytesRef(s.getBytes(StandardCharsets.UTF_16BE));
    }
}
