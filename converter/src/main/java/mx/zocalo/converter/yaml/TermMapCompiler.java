package mx.zocalo.converter.yaml;

import static mx.zocalo.converter.yaml.RmlGraph.BlankNode;
import static mx.zocalo.converter.yaml.RmlGraph.IRI;
import static mx.zocalo.converter.yaml.RmlGraph.Literal;
import static mx.zocalo.converter.yaml.YamlIris.reference;

import java.util.List;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** Term maps from YAML values: constants, {@code $(column)} references and templates, with term type, datatype and language. */
final class TermMapCompiler {
    private final YamlFile file;
    private final RmlGraph out;
    private final YamlIris iris;

    TermMapCompiler(YamlFile file, RmlGraph out, YamlIris iris) {
        this.file = file;
        this.out = out;
        this.iris = iris;
    }

    /** An object term map: value with type iri, literal or blank, and a datatype or language for literals. */
    void objectTerm(Node om, String value, String type, String dt, String lang, int line, String key) {
        Node tt = switch (type) {
            case "iri" -> IRI;
            case "blank", "blanknode" -> BlankNode;
            default -> Literal;
        };
        if (tt != Literal && (dt != null || lang != null)) {
            throw file.error(line, key, "only literals have a datatype or language; \"" + value + "\" is an IRI or blank node");
        }
        if (tt == Literal && reference(value) == null && !value.contains("$(")) {
            Node lit;
            if (lang != null) {
                if (lang.contains("$(")) {
                    out.add(om, RmlGraph.constant, NodeFactory.createLiteralString(value));
                    languageMap(om, lang, line, key);
                    return;
                }
                lit = NodeFactory.createLiteralLang(value, checkLanguage(lang, line, key));
            } else if (dt != null) {
                if (dt.contains("$(")) {
                    out.add(om, RmlGraph.constant, NodeFactory.createLiteralString(value));
                    datatypeMap(om, dt, line, key);
                    return;
                }
                lit = NodeFactory.createLiteralDT(value, TypeMapper.getInstance().getSafeTypeByName(iris.iri(dt, line, key).getURI()));
            } else {
                lit = NodeFactory.createLiteralString(value);
            }
            out.add(om, RmlGraph.constant, lit);
            return;
        }
        if (tt == Literal) {
            String column = reference(value);
            if (column != null) {
                out.add(om, RmlGraph.reference, NodeFactory.createLiteralString(column));
            } else {
                out.add(om, RmlGraph.template, NodeFactory.createLiteralString(iris.template(value, false, line, key)));
                out.add(om, RmlGraph.termType, Literal);
            }
            if (lang != null) {
                if (lang.contains("$(")) {
                    languageMap(om, lang, line, key);
                } else {
                    out.add(om, RmlGraph.language, NodeFactory.createLiteralString(checkLanguage(lang, line, key)));
                }
            } else if (dt != null) {
                if (dt.contains("$(")) {
                    datatypeMap(om, dt, line, key);
                } else {
                    out.add(om, RmlGraph.datatype, iris.iri(dt, line, key));
                }
            }
            return;
        }
        termValue(om, value, tt, line, key);
    }

    /** Subject, graph or IRI/blank object: a constant IRI, a reference or a template, with its term type. */
    void termValue(Node map, String value, Node tt, int line, String key) {
        String column = reference(value);
        if (column != null) {
            out.add(map, RmlGraph.reference, NodeFactory.createLiteralString(column));
            out.add(map, RmlGraph.termType, tt);
        } else if (value.contains("$(")) {
            out.add(map, RmlGraph.template, NodeFactory.createLiteralString(iris.template(value, tt == IRI, line, key)));
            out.add(map, RmlGraph.termType, tt);
        } else if (tt == BlankNode) {
            out.add(map, RmlGraph.constant, NodeFactory.createLiteralString(value));
            out.add(map, RmlGraph.termType, tt);
        } else {
            out.add(map, RmlGraph.constant, iris.iri(value, line, key));
        }
    }

    /** The graph maps of {@code g} (a mapping's or a predicate-object's {@code graphs}) on {@code owner}. */
    void graphs(Node owner, YamlNode.Entry g) {
        List<YamlNode> list = g.value().isList() ? g.value().items : List.of(g.value());
        for (YamlNode one : list) {
            if (!one.isScalar()) {
                throw file.error(one.line, g.key(), "a graph is an IRI or a template such as ex:$(year), not " + one.describe());
            }
            Node gm = NodeFactory.createBlankNode();
            out.add(owner, RmlGraph.graphMap, gm);
            if (one.text.equals("rr:defaultGraph") || one.text.equals("rml:defaultGraph")) {
                out.add(gm, RmlGraph.constant, RmlGraph.defaultGraph);
            } else {
                termValue(gm, one.text, IRI, one.line, g.key());
            }
        }
    }

    private void languageMap(Node om, String lang, int line, String key) {
        Node lm = NodeFactory.createBlankNode();
        out.add(om, RmlGraph.languageMap, lm);
        String column = reference(lang);
        if (column != null) {
            out.add(lm, RmlGraph.reference, NodeFactory.createLiteralString(column));
        } else {
            out.add(lm, RmlGraph.template, NodeFactory.createLiteralString(iris.template(lang, false, line, key)));
        }
    }

    private void datatypeMap(Node om, String dt, int line, String key) {
        Node dm = NodeFactory.createBlankNode();
        out.add(om, RmlGraph.datatypeMap, dm);
        String column = reference(dt);
        if (column != null) {
            out.add(dm, RmlGraph.reference, NodeFactory.createLiteralString(column));
        } else {
            out.add(dm, RmlGraph.template, NodeFactory.createLiteralString(iris.template(dt, true, line, key)));
        }
    }

    private String checkLanguage(String lang, int line, String key) {
        if (!lang.matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")) {
            throw file.error(line, key, "\"" + lang + "\" is not a language tag (such as es or es-MX)");
        }
        return lang;
    }
}
