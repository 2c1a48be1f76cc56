package mx.zocalo.converter;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.datatypes.xsd.impl.RDFLangString;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;

/**
 * The last check before quads are written: RDF has no relative IRIs (N-Triples and N-Quads parsers refuse them, and a
 * store would keep them as strings that name nothing). A mapping resolves its relative IRIs against its base; a relative
 * IRI that still gets here is refused, naming it and the triple it is in. It runs where quads leave the converter
 * ({@link Conversion#run}, {@link Conversion#write}) and where the portal puts them into its store. It looks only at
 * the first characters of each IRI, so it costs little per quad.
 *
 * <pre>{@code
 * AbsoluteIris.check(quad);   // throws ConversionException for <def/presupuesto#Colonia>
 * }</pre>
 */
public final class AbsoluteIris {
    private AbsoluteIris() {}

    /** True when the IRI starts with a scheme ({@code http:}, {@code urn:}...): RFC 3986 section 3.1. */
    public static boolean isAbsolute(String iri) {
        int n = iri.length();
        if (n == 0 || !letter(iri.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = iri.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!(letter(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return false;
    }

    /** @throws ConversionException when a term of the triple (or a literal's datatype) is a relative IRI */
    public static void check(Triple t) {
        check(null, t.getSubject(), t.getPredicate(), t.getObject());
    }

    /** @throws ConversionException when a term of the quad (or a literal's datatype) is a relative IRI */
    public static void check(Quad q) {
        check(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
    }

    /**
     * Checks a batch of quads. Subjects and graphs repeat from one quad to the next and predicates from row to row (the
     * same node objects): each is looked at once while it repeats; objects are looked at every time.
     *
     * @throws ConversionException at the first quad with a relative IRI
     */
    public static void checkAll(Iterable<Quad> quads) {
        Node graph = null;
        Node subject = null;
        Node[] predicates = new Node[PREDICATES_REMEMBERED];
        int remembered = 0;
        for (Quad q : quads) {
            Node g = q.getGraph();
            if (g != graph) {
                if (!Quad.isDefaultGraph(g) && relative(g)) {
                    check(q);
                }
                graph = g;
            }
            Node s = q.getSubject();
            if (s != subject) {
                if (relative(s)) {
                    check(q);
                }
                subject = s;
            }
            Node p = q.getPredicate();
            if (!contains(predicates, remembered, p)) {
                if (relative(p)) {
                    check(q);
                }
                if (remembered < predicates.length) {
                    predicates[remembered++] = p;
                }
            }
            if (relative(q.getObject())) {
                check(q);
            }
        }
    }

    /** Predicates of a batch looked at once each: a mapping has few, the same node objects on every row. */
    private static final int PREDICATES_REMEMBERED = 32;

    private static boolean contains(Node[] nodes, int size, Node n) {
        for (int i = 0; i < size; i++) {
            if (nodes[i] == n) {
                return true;
            }
        }
        return false;
    }

    /** @param graph the graph name, or null (or {@link Quad#defaultGraphNodeGenerated}) for the default graph */
    public static void check(Node graph, Node subject, Node predicate, Node object) {
        if (relative(subject) || relative(predicate) || relative(object) || graph != null && relative(graph)) {
            Node bad = relative(subject) ? subject : relative(predicate) ? predicate : relative(object) ? object : graph;
            String iri = bad.isLiteral() ? bad.getLiteralDatatypeURI() : bad.getURI();
            String inGraph = graph == null || Quad.isDefaultGraph(graph) ? "" : " (graph " + term(graph) + ")";
            throw new ConversionException("the relative IRI <" + iri + "> would be written, in the triple " + term(subject) + " "
                    + term(predicate) + " " + term(object) + inGraph + ": RDF needs absolute IRIs; a relative one resolves "
                    + "against the base (@base or base: in the mapping, --base on convert, the portal's base on publish)");
        }
    }

    private static boolean relative(Node n) {
        if (n.isURI()) {
            return !isAbsolute(n.getURI());
        }
        if (!n.isLiteral()) {
            return false;
        }
        RDFDatatype type = n.getLiteralDatatype(); // XSD types and rdf:langString are absolute: only others are looked at
        return !(type instanceof XSDDatatype || type == RDFLangString.rdfLangString) && !isAbsolute(n.getLiteralDatatypeURI());
    }

    private static String term(Node n) {
        if (n.isURI()) {
            return "<" + n.getURI() + ">";
        }
        if (n.isLiteral()) {
            String lexical = n.getLiteralLexicalForm();
            String shown = "\"" + (lexical.length() > 60 ? lexical.substring(0, 60) + "…" : lexical) + "\"";
            return !n.getLiteralLanguage().isEmpty() ? shown + "@" + n.getLiteralLanguage() : shown + "^^<" + n.getLiteralDatatypeURI() + ">";
        }
        return n.toString();
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
