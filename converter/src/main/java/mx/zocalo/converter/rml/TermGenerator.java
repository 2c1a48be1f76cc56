package mx.zocalo.converter.rml;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;

/**
 * Evaluates term maps against rows. Relative IRIs are prefixed with the triples map's base IRI. Blank
 * nodes made from the same value within one run are the same node; different runs never share them.
 */
final class TermGenerator {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:");
    private final String blankNodeScope;

    TermGenerator(String blankNodeScope) {
        this.blankNodeScope = blankNodeScope;
    }

    /** The term for this row, or null when a value it needs is empty. */
    Node generate(TermMap map, RowValues row, String base) {
        if (map.constant() != null) {
            return map.constant();
        }
        String value;
        if (map.reference() != null) {
            value = row.get(map.reference());
        } else if (map.template() != null) {
            value = expand(map.template(), row, map.termType() == TermType.IRI);
        } else {
            return NodeFactory.createBlankNode();
        }
        if (value == null) {
            return null;
        }
        return switch (map.termType()) {
            case IRI, UNSAFE_IRI -> NodeFactory.createURI(iri(value, map, row, base));
            case BLANK_NODE -> NodeFactory.createBlankNode(blankNodeScope + value);
            case LITERAL -> literal(value, map, row, base);
        };
    }

    private static String expand(Template template, RowValues row, boolean iriSafe) {
        StringBuilder out = new StringBuilder();
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Text text) {
                out.append(text.text());
            } else {
                String value = row.get(((Template.Reference) part).name());
                if (value == null) {
                    return null;
                }
                out.append(iriSafe ? IriSafe.encode(value) : value);
            }
        }
        return out.toString();
    }

    private static String iri(String value, TermMap map, RowValues row, String base) {
        String iri = value;
        if (!isAbsolute(iri)) {
            if (base == null) {
                throw new DataException(columnOf(map), describe(map, row) + " makes the relative IRI <" + value
                        + "> and the mapping has no base IRI (give one with @base or --base)");
            }
            iri = base + iri;
        }
        try {
            IRIx.create(iri);
        } catch (IRIException e) {
            throw new DataException(columnOf(map), describe(map, row) + " makes an invalid IRI <" + iri + "> in "
                    + map.expression());
        }
        return iri;
    }

    private Node literal(String value, TermMap map, RowValues row, String base) {
        if (map.language() != null) {
            return NodeFactory.createLiteralLang(value, map.language());
        }
        if (map.languageMap() != null) {
            Node lang = generate(map.languageMap(), row, base);
            if (lang == null) {
                return NodeFactory.createLiteralString(value);
            }
            String tag = lang.getLiteralLexicalForm();
            if (!LanguageTag.isWellFormed(tag)) {
                throw new DataException(columnOf(map.languageMap()), "value \"" + tag
                        + "\" is not a valid language tag (" + map.languageMap().expression() + ")");
            }
            return NodeFactory.createLiteralLang(value, tag);
        }
        Node datatype = map.datatype();
        if (datatype == null && map.datatypeMap() != null) {
            datatype = generate(map.datatypeMap(), row, base);
        }
        if (datatype == null || datatype.getURI().equals(XSDDatatype.XSDstring.getURI())) {
            return NodeFactory.createLiteralString(value);
        }
        return NodeFactory.createLiteralDT(value, TypeMapper.getInstance().getSafeTypeByName(datatype.getURI()));
    }

    /** Has a scheme, so it is not resolved against the base (RFC 3986 section 3.1). */
    static boolean isAbsolute(String iri) {
        return SCHEME.matcher(iri).find();
    }

    private static String columnOf(TermMap map) {
        return map.references().isEmpty() ? null : String.join("\", \"", map.references());
    }

    private static String describe(TermMap map, RowValues row) {
        String values = map.references().stream().map(c -> "\"" + row.get(c) + "\"").collect(Collectors.joining(", "));
        return (map.references().size() == 1 ? "value " : "values ") + values;
    }
}
