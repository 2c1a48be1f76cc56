package mx.zocalo.converter.yaml;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;

/**
 * The prefixes and base of a YAML mapping, and the IRIs written with them: prefixed names expanded, relative IRIs
 * resolved against the base, and {@code $(column)} templates turned into RML templates.
 */
final class YamlIris {
    /** Prefixes YARRRML predefines; a mapping's own {@code prefixes} override them. */
    private static final Map<String, String> DEFAULT_PREFIXES = Map.of(
            "rdf", RDF.getURI(), "rdfs", RDFS.getURI(), "xsd", XSD.NS,
            "owl", "http://www.w3.org/2002/07/owl#", "schema", "http://schema.org/",
            "foaf", "http://xmlns.com/foaf/0.1/", "dc", "http://purl.org/dc/terms/",
            "rr", "http://www.w3.org/ns/r2rml#", "rml", RmlGraph.RML);

    private final YamlFile file;
    private final PrefixMapping written;
    private final String defaultBase;
    private final Map<String, String> prefixes = new LinkedHashMap<>(DEFAULT_PREFIXES);
    private String base;

    /**
     * @param written     the compiled graph's prefixes: the mapping's own, and the predefined ones it uses
     * @param defaultBase the base when the YAML declares none (may be null: the file's own IRI)
     */
    YamlIris(YamlFile file, PrefixMapping written, String defaultBase) {
        this.file = file;
        this.written = written;
        this.defaultBase = defaultBase;
    }

    /** The YAML's {@code base}: an absolute IRI. */
    void base(String iri, int line) {
        try {
            if (!IRIx.create(iri).isAbsolute()) {
                throw file.error(line, "base", "the base must be an absolute IRI, not <" + iri + ">");
            }
        } catch (IRIException bad) {
            throw file.error(line, "base", "<" + iri + "> is not a valid IRI: " + bad.getMessage());
        }
        this.base = iri;
    }

    /** The YAML's {@code base}, or null. */
    String base() {
        return base;
    }

    /**
     * A prefix of {@code prefixes}. A relative namespace ({@code def/presupuesto#}) resolves against the base, as a Turtle
     * parser resolves {@code @prefix pp: <def/presupuesto#>}: every IRI written with the prefix is then absolute.
     */
    void prefix(String name, String namespace, int line) {
        String ns;
        try {
            ns = IRIx.create(namespace).isRelative() ? resolve(namespace, line, name) : namespace;
        } catch (IRIException bad) {
            throw file.error(line, name, "<" + namespace + "> is not a valid IRI: " + bad.getMessage());
        }
        prefixes.put(name, ns);
        written.setNsPrefix(name, ns);
    }

    /** A constant IRI: {@code prefix:local} expanded, absolute as is, relative resolved against the base. */
    Node iri(String text, int line, String key) {
        int colon = text.indexOf(':');
        if (colon >= 0) {
            String prefix = text.substring(0, colon);
            if (prefixes.containsKey(prefix) && !text.startsWith("//", colon + 1)) {
                return NodeFactory.createURI(checkIri(expand(prefix) + text.substring(colon + 1), line, key));
            }
            if (prefix.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                if (!text.startsWith("//", colon + 1)
                        && !Set.of("urn", "mailto", "tel", "data", "file", "tag").contains(prefix.toLowerCase(Locale.ROOT))) {
                    throw file.error(line, key, "prefix \"" + prefix + "\" of " + text + " is not declared in prefixes");
                }
                return NodeFactory.createURI(checkIri(text, line, key));
            }
        }
        return NodeFactory.createURI(resolve(text, line, key));
    }

    /** rdf:type, for the predicate {@code a}. */
    Node type() {
        return NodeFactory.createURI(expand("rdf") + "type");
    }

    /**
     * {@code ex:id/$(A)} → RML template {@code http://example.com/id/{A}}: a leading prefix is expanded
     * (for IRIs), literal braces and backslashes are escaped, {@code \$(} keeps {@code $(} as text.
     */
    String template(String value, boolean isIri, int line, String key) {
        String text = value;
        StringBuilder out = new StringBuilder();
        if (isIri) {
            int colon = text.indexOf(':');
            int dollar = text.indexOf("$(");
            if (colon > 0 && (dollar < 0 || colon < dollar)) {
                String prefix = text.substring(0, colon);
                if (prefixes.containsKey(prefix) && !text.startsWith("//", colon + 1)) {
                    escape(expand(prefix), out);
                    text = text.substring(colon + 1);
                }
            }
        }
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("\\$(", i)) {
                out.append("$(");
                i += 3;
            } else if (text.startsWith("$(", i)) {
                int end = text.indexOf(')', i);
                if (end < 0) {
                    throw file.error(line, key, "\"" + value + "\": $( without its closing )");
                }
                String column = text.substring(i + 2, end);
                if (column.isEmpty()) {
                    throw file.error(line, key, "\"" + value + "\": $() names no column");
                }
                out.append('{');
                escape(column, out);
                out.append('}');
                i = end + 1;
            } else {
                escape(text.substring(i, i + 1), out);
                i++;
            }
        }
        return out.toString();
    }

    /** The column when {@code value} is exactly one {@code $(column)}, else null. */
    static String reference(String value) {
        if (value.startsWith("$(") && value.endsWith(")") && value.indexOf(')') == value.length() - 1) {
            return value.substring(2, value.length() - 1);
        }
        return null;
    }

    private static void escape(String s, StringBuilder out) {
        for (char c : s.toCharArray()) {
            if (c == '{' || c == '}' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** The namespace of a prefix; a predefined prefix the mapping uses is declared in the graph, for readable Turtle. */
    private String expand(String prefix) {
        String ns = prefixes.get(prefix);
        if (written.getNsPrefixURI(prefix) == null && !written.getNsPrefixMap().containsValue(ns)) {
            written.setNsPrefix(prefix, ns);
        }
        return ns;
    }

    /** The base relative IRIs resolve against: the YAML's {@code base}, else the one it is compiled with, else the file's IRI. */
    String resolvedAgainst() {
        return base != null ? base : defaultBase != null ? defaultBase : file.path.toAbsolutePath().toUri().toString();
    }

    String resolve(String relative, int line, String key) {
        try {
            return IRIx.create(resolvedAgainst()).resolve(relative).str();
        } catch (IRIException bad) {
            throw file.error(line, key, "<" + relative + "> is not a valid IRI: " + bad.getMessage());
        }
    }

    private String checkIri(String iri, int line, String key) {
        try {
            IRIx.create(iri);
            return iri;
        } catch (IRIException bad) {
            throw file.error(line, key, "<" + iri + "> is not a valid IRI: " + bad.getMessage());
        }
    }
}
