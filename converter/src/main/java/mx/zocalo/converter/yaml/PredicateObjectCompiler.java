package mx.zocalo.converter.yaml;

import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * A mapping's {@code po} entries: {@code [predicate, object]}, {@code [predicate, object, datatype or lang~lang]}, or the
 * long form with {@code p} and {@code o} (values, datatypes, languages, types, links to other mappings, graphs).
 */
final class PredicateObjectCompiler {
    private static final Set<String> PO_KEYS = Set.of("p", "predicates", "predicate", "o", "objects", "object", "graphs", "g");
    private static final Set<String> OBJECT_KEYS = Set.of("value", "datatype", "language", "type", "mapping", "condition");
    private static final Set<String> TYPES = Set.of("iri", "literal", "blanknode");

    private final YamlFile file;
    private final RmlGraph out;
    private final YamlIris iris;
    private final TermMapCompiler terms;
    private final JoinCompiler joins;

    PredicateObjectCompiler(YamlFile file, RmlGraph out, YamlIris iris, TermMapCompiler terms, JoinCompiler joins) {
        this.file = file;
        this.out = out;
        this.iris = iris;
        this.terms = terms;
        this.joins = joins;
    }

    void predicateObject(Node tm, YamlNode item, String key) {
        Node pom = NodeFactory.createBlankNode();
        if (item.isList()) {
            if (item.items.size() < 2 || item.items.size() > 3) {
                throw file.error(item.line, key, "a short predicate-object is [predicate, object] or [predicate, object, datatype or lang~lang], not a list of "
                        + item.items.size());
            }
            boolean isType = predicates(pom, item.items.get(0), key);
            String datatypeOrLang = null;
            if (item.items.size() == 3) {
                YamlNode third = item.items.get(2);
                if (!third.isScalar()) {
                    throw file.error(third.line, key, "the third element is a datatype (xsd:integer) or a language (es~lang), not " + third.describe());
                }
                datatypeOrLang = third.text;
            }
            YamlNode o = item.items.get(1);
            List<YamlNode> objects = o.isList() ? o.items : List.of(o);
            for (YamlNode obj : objects) {
                if (!obj.isScalar()) {
                    throw file.error(obj.line, key, "an object in short form is a text such as $(column), not " + obj.describe());
                }
                String value = obj.text;
                String type = isType ? "iri" : "literal";
                int tilde = value.lastIndexOf('~');
                if (tilde >= 0 && TYPES.contains(value.substring(tilde + 1))) {
                    type = value.substring(tilde + 1);
                    value = value.substring(0, tilde);
                }
                String dt = null;
                String lang = null;
                if (datatypeOrLang != null && datatypeOrLang.endsWith("~lang")) {
                    lang = datatypeOrLang.substring(0, datatypeOrLang.length() - "~lang".length());
                } else {
                    dt = datatypeOrLang;
                }
                Node om = NodeFactory.createBlankNode();
                out.add(pom, RmlGraph.objectMap, om);
                terms.objectTerm(om, value, type, dt, lang, obj.line, key);
            }
        } else if (item.isMap()) {
            file.checkKeys(item, PO_KEYS, "in a predicate-object");
            YamlNode.Entry p = file.first(item, "p", "predicates", "predicate");
            if (p == null) {
                throw file.error(item.line, key, "a predicate-object needs p (the predicate)");
            }
            boolean isType = predicates(pom, p.value(), p.key());
            YamlNode.Entry o = file.first(item, "o", "objects", "object");
            if (o == null) {
                throw file.error(item.line, key, "a predicate-object needs o (the object)");
            }
            List<YamlNode> objects = o.value().isList() ? o.value().items : List.of(o.value());
            for (YamlNode obj : objects) {
                object(pom, obj, isType, o.key());
            }
            YamlNode.Entry g = file.first(item, "graphs", "g");
            if (g != null) {
                terms.graphs(pom, g);
            }
        } else {
            throw file.error(item.line, key, "a predicate-object is [predicate, object] or a map with p and o, not " + item.describe());
        }
        out.add(tm, RmlGraph.predicateObjectMap, pom);
    }

    /** Adds the predicates; true when the predicate is {@code a} (rdf:type), whose objects are IRIs. */
    private boolean predicates(Node pom, YamlNode p, String key) {
        List<YamlNode> list = p.isList() ? p.items : List.of(p);
        boolean isType = false;
        for (YamlNode one : list) {
            if (!one.isScalar()) {
                throw file.error(one.line, key, "a predicate is an IRI such as ex:name, not " + one.describe());
            }
            if (one.text.contains("$(")) {
                throw file.error(one.line, key, "predicates from columns are not supported: " + one.text);
            }
            Node iri = one.text.equals("a") ? iris.type() : iris.iri(one.text, one.line, key);
            isType |= iri.equals(RDF.type.asNode());
            out.add(pom, RmlGraph.predicate, iri);
        }
        return isType;
    }

    private void object(Node pom, YamlNode obj, boolean isType, String key) {
        if (obj.isMap() && obj.entry("mapping") != null) {
            file.checkKeys(obj, OBJECT_KEYS, "in an object");
            joins.join(pom, obj, obj.entry("mapping"));
            return;
        }
        Node om = NodeFactory.createBlankNode();
        out.add(pom, RmlGraph.objectMap, om);
        if (obj.isScalar()) {
            String value = obj.text;
            String type = isType ? "iri" : "literal";
            int tilde = value.lastIndexOf('~');
            if (tilde >= 0 && TYPES.contains(value.substring(tilde + 1))) {
                type = value.substring(tilde + 1);
                value = value.substring(0, tilde);
            }
            terms.objectTerm(om, value, type, null, null, obj.line, key);
            return;
        }
        if (obj.isList()) {
            if (obj.items.size() != 2 || !obj.items.get(0).isScalar() || !obj.items.get(1).isScalar()) {
                throw file.error(obj.line, key, "an object in list form is [value, datatype] or [value, lang~lang]");
            }
            String second = obj.items.get(1).text;
            boolean lang = second.endsWith("~lang");
            terms.objectTerm(om, obj.items.get(0).text, "literal", lang ? null : second,
                    lang ? second.substring(0, second.length() - 5) : null, obj.line, key);
            return;
        }
        if (!obj.isMap()) {
            throw file.error(obj.line, key, "an object is a text, [value, datatype] or a map with value or mapping, not " + obj.describe());
        }
        file.checkKeys(obj, OBJECT_KEYS, "in an object");
        YamlNode.Entry value = obj.entry("value");
        if (value == null) {
            throw file.error(obj.line, key, "an object needs value (or mapping, to link to another mapping's subjects)");
        }
        YamlNode.Entry type = obj.entry("type");
        YamlNode.Entry dt = obj.entry("datatype");
        YamlNode.Entry lang = obj.entry("language");
        String typeName = type != null ? file.scalar(type) : (isType ? "iri" : "literal");
        if (!Set.of("iri", "literal", "blank", "blanknode").contains(typeName)) {
            throw file.error(type.line(), "type", "type is iri, literal or blank, not \"" + typeName + "\"");
        }
        if ((dt != null || lang != null) && !typeName.equals("literal")) {
            YamlNode.Entry e = dt != null ? dt : lang;
            throw file.error(e.line(), e.key(), "only literals have a " + e.key() + " (this object has type " + typeName + ")");
        }
        if (dt != null && lang != null) {
            throw file.error(lang.line(), "language", "a literal has a datatype or a language, not both");
        }
        terms.objectTerm(om, file.scalar(value), typeName, dt == null ? null : file.scalar(dt), lang == null ? null : file.scalar(lang),
                dt != null ? dt.line() : lang != null ? lang.line() : value.line(),
                dt != null ? "datatype" : lang != null ? "language" : "value");
    }
}
