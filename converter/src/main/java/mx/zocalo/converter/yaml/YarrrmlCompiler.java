package mx.zocalo.converter.yaml;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;

/** YARRRML subset → RML graph. One instance per file. */
final class YarrrmlCompiler {
    static final String RML = "http://w3id.org/rml/";

    private static final Node TriplesMap = rml("TriplesMap");
    private static final Node logicalSource = rml("logicalSource");
    private static final Node source = rml("source");
    private static final Node RelativePathSource = rml("RelativePathSource");
    private static final Node root = rml("root");
    private static final Node MappingDirectory = rml("MappingDirectory");
    private static final Node path = rml("path");
    private static final Node referenceFormulation = rml("referenceFormulation");
    private static final Node CSV = rml("CSV");
    private static final Node JSONPath = rml("JSONPath");
    private static final Node iterator = rml("iterator");
    private static final Node subjectMap = rml("subjectMap");
    private static final Node predicateObjectMap = rml("predicateObjectMap");
    private static final Node predicate = rml("predicate");
    private static final Node objectMap = rml("objectMap");
    private static final Node graphMap = rml("graphMap");
    private static final Node defaultGraph = rml("defaultGraph");
    private static final Node constant = rml("constant");
    private static final Node reference = rml("reference");
    private static final Node template = rml("template");
    private static final Node termType = rml("termType");
    private static final Node IRI = rml("IRI");
    private static final Node BlankNode = rml("BlankNode");
    private static final Node Literal = rml("Literal");
    private static final Node datatype = rml("datatype");
    private static final Node language = rml("language");
    private static final Node datatypeMap = rml("datatypeMap");
    private static final Node languageMap = rml("languageMap");
    private static final Node parentTriplesMap = rml("parentTriplesMap");
    private static final Node joinCondition = rml("joinCondition");
    private static final Node child = rml("child");
    private static final Node parent = rml("parent");

    /** Prefixes YARRRML predefines; a mapping's own {@code prefixes} override them. */
    private static final Map<String, String> DEFAULT_PREFIXES = Map.of(
            "rdf", RDF.getURI(), "rdfs", RDFS.getURI(), "xsd", XSD.NS,
            "owl", "http://www.w3.org/2002/07/owl#", "schema", "http://schema.org/",
            "foaf", "http://xmlns.com/foaf/0.1/", "dc", "http://purl.org/dc/terms/",
            "rr", "http://www.w3.org/ns/r2rml#", "rml", RML);

    private static final Set<String> TOP_KEYS = Set.of("prefixes", "base", "sources", "mappings");
    private static final Set<String> MAPPING_KEYS = Set.of("sources", "source", "s", "subject", "subjects", "po",
            "predicateobjects", "graphs", "g");
    private static final Set<String> PO_KEYS = Set.of("p", "predicates", "predicate", "o", "objects", "object", "graphs", "g");
    private static final Set<String> OBJECT_KEYS = Set.of("value", "datatype", "language", "type", "mapping", "condition");
    private static final Set<String> SOURCE_KEYS = Set.of("access", "referenceFormulation", "iterator");

    private final Path file;
    private final String defaultBase;
    private final Graph graph = GraphFactory.createDefaultGraph();
    private final Map<String, String> prefixes = new LinkedHashMap<>(DEFAULT_PREFIXES);
    private final Map<String, YamlNode> namedSources = new LinkedHashMap<>();
    /** The triples maps of each YAML mapping: one per source and subject (the first named after the mapping). */
    private final Map<String, List<Node>> triplesMaps = new LinkedHashMap<>();
    private final Map<String, List<YamlNode>> sourcesOf = new LinkedHashMap<>();
    private final Map<String, List<YamlNode>> subjectsOf = new LinkedHashMap<>();
    private String base;

    YarrrmlCompiler(Path file, String defaultBase) {
        this.file = file;
        this.defaultBase = defaultBase;
    }

    private static Node rml(String local) {
        return NodeFactory.createURI(RML + local);
    }

    YarrrmlMapping compile(YamlNode top) {
        if (!top.isMap()) {
            throw error(top.line, null, "a mapping is a map with the keys prefixes, base, sources and mappings, not " + top.describe());
        }
        checkKeys(top, TOP_KEYS, "at the top of the mapping");
        graph.getPrefixMapping().setNsPrefix("rml", RML);
        YamlNode.Entry p = top.entry("prefixes");
        if (p != null) {
            map(p);
            for (YamlNode.Entry e : p.value().entries) {
                String ns = scalar(e);
                prefixes.put(e.key(), ns);
                graph.getPrefixMapping().setNsPrefix(e.key(), ns);
            }
        }
        YamlNode.Entry b = top.entry("base");
        if (b != null) {
            base = scalar(b);
            try {
                if (!IRIx.create(base).isAbsolute()) {
                    throw error(b.line(), "base", "the base must be an absolute IRI, not <" + base + ">");
                }
            } catch (IRIException bad) {
                throw error(b.line(), "base", "<" + base + "> is not a valid IRI: " + bad.getMessage());
            }
        }
        YamlNode.Entry s = top.entry("sources");
        if (s != null) {
            map(s);
            for (YamlNode.Entry e : s.value().entries) {
                namedSources.put(e.key(), e.value());
            }
        }
        YamlNode.Entry m = top.entry("mappings");
        if (m == null) {
            throw error(top.line, "mappings", "the mapping has no \"mappings\"");
        }
        map(m);
        for (YamlNode.Entry e : m.value().entries) {
            declare(e);
        }
        for (YamlNode.Entry e : m.value().entries) {
            triplesMap(e);
        }
        return new YarrrmlMapping(file, graph, base);
    }

    /** Checks a mapping's keys, sources and subjects, and names its triples maps (joins may point to any mapping). */
    private void declare(YamlNode.Entry entry) {
        String name = entry.key();
        YamlNode body = entry.value();
        if (!body.isMap()) {
            throw error(entry.line(), name, "a mapping is a map (with sources, s and po), not " + body.describe());
        }
        checkKeys(body, MAPPING_KEYS, "in mapping \"" + name + "\"");
        YamlNode.Entry src = first(body, "sources", "source");
        if (src == null) {
            throw error(entry.line(), name, "mapping \"" + name + "\" has no sources");
        }
        List<YamlNode> sources = sources(src);
        YamlNode.Entry subj = first(body, "s", "subjects", "subject");
        if (subj == null) {
            throw error(entry.line(), name, "mapping \"" + name + "\" has no subject (s)");
        }
        List<YamlNode> subjects = subj.value().isList() ? subj.value().items : List.of(subj.value());
        if (subjects.isEmpty()) {
            throw error(subj.line(), subj.key(), "mapping \"" + name + "\" has no subject (s)");
        }
        for (YamlNode one : subjects) {
            if (!one.isScalar()) {
                throw error(one.line, subj.key(), "the subject is a text such as ex:$(id), not " + one.describe());
            }
        }
        List<Node> ids = new ArrayList<>();
        for (int i = 0; i < sources.size() * subjects.size(); i++) {
            ids.add(NodeFactory.createURI(resolve("#" + encode(i == 0 ? name : name + "~" + (i + 1)), entry.line(), name)));
        }
        triplesMaps.put(name, List.copyOf(ids));
        sourcesOf.put(name, sources);
        subjectsOf.put(name, subjects);
    }

    private void triplesMap(YamlNode.Entry entry) {
        String name = entry.key();
        YamlNode body = entry.value();
        YamlNode.Entry src = first(body, "sources", "source");
        YamlNode.Entry subj = first(body, "s", "subjects", "subject");
        List<Node> ids = triplesMaps.get(name);
        int i = 0;
        for (YamlNode source : sourcesOf.get(name)) {
            for (YamlNode subject : subjectsOf.get(name)) {
                triplesMap(ids.get(i++), body, source, src.key(), subject, subj.key());
            }
        }
    }

    private void triplesMap(Node tm, YamlNode body, YamlNode sourceNode, String sourceKey, YamlNode subjValue, String subjectKey) {
        add(tm, RDF.type.asNode(), TriplesMap);
        Node ls = NodeFactory.createBlankNode();
        add(tm, logicalSource, ls);
        source(sourceNode, ls, sourceKey);

        Node sm = NodeFactory.createBlankNode();
        add(tm, subjectMap, sm);
        String subjectText = subjValue.text;
        Node subjectType = IRI;
        if (subjectText.endsWith("~blanknode")) {
            subjectText = subjectText.substring(0, subjectText.length() - "~blanknode".length());
            subjectType = BlankNode;
        } else if (subjectText.endsWith("~iri")) {
            subjectText = subjectText.substring(0, subjectText.length() - "~iri".length());
        }
        termValue(sm, subjectText, subjectType, subjValue.line, subjectKey);

        YamlNode.Entry g = first(body, "graphs", "g");
        if (g != null) {
            graphs(sm, g);
        }

        YamlNode.Entry po = first(body, "po", "predicateobjects");
        if (po != null) {
            if (!po.value().isList()) {
                throw error(po.line(), po.key(), "po is a list of [predicate, object] or of maps with p and o, not " + po.value().describe());
            }
            for (YamlNode item : po.value().items) {
                predicateObject(tm, item, po.key());
            }
        }
    }

    // ---- sources

    private List<YamlNode> sources(YamlNode.Entry entry) {
        YamlNode v = entry.value();
        List<YamlNode> sources = new ArrayList<>();
        if (v.isScalar() && namedSources.containsKey(v.text)) {
            sources.add(namedSources.get(v.text));
        } else if (v.isList() && !v.items.isEmpty() && v.items.stream().allMatch(i -> i.isScalar() && namedSources.containsKey(i.text))) {
            v.items.forEach(i -> sources.add(namedSources.get(i.text)));
        } else if (v.isList() && !v.items.isEmpty() && v.items.stream().allMatch(i -> i.isList() || i.isMap())) {
            sources.addAll(v.items);
        } else if (v.isScalar() && v.text.contains("~") || v.isList() || v.isMap()) {
            sources.add(v);
        } else {
            throw error(entry.line(), entry.key(), "\"" + v.text + "\" is not a source name (the sources are: "
                    + String.join(", ", namedSources.keySet()) + ") nor a file such as [data.csv~csv]");
        }
        return List.copyOf(sources);
    }

    private void source(YamlNode s, Node ls, String key) {
        String access;
        String formulation = null;
        String iteratorPath = null;
        int line = s.line;
        if (s.isMap()) {
            checkKeys(s, SOURCE_KEYS, "in a source");
            YamlNode.Entry a = s.entry("access");
            if (a == null) {
                throw error(s.line, key, "a source needs \"access\" (the file)");
            }
            access = scalar(a);
            line = a.line();
            YamlNode.Entry rf = s.entry("referenceFormulation");
            if (rf != null) {
                formulation = scalar(rf);
                line = rf.line();
                key = rf.key();
            }
            YamlNode.Entry it = s.entry("iterator");
            if (it != null) {
                iteratorPath = scalar(it);
            }
        } else {
            YamlNode text = s;
            if (s.isList()) {
                if (s.items.isEmpty() || s.items.size() > 2 || !s.items.stream().allMatch(YamlNode::isScalar)) {
                    throw error(s.line, key, "a source in short form is [file~csv] or [file~jsonpath, iterator]");
                }
                text = s.items.get(0);
                iteratorPath = s.items.size() == 2 ? s.items.get(1).text : null;
            }
            if (!text.isScalar()) {
                throw error(s.line, key, "a source is [file~csv] or a map with access, not " + text.describe());
            }
            access = text.text;
            int tilde = access.lastIndexOf('~');
            if (tilde >= 0) {
                formulation = access.substring(tilde + 1);
                access = access.substring(0, tilde);
            }
            line = text.line;
        }
        boolean json;
        if (formulation == null) {
            json = access.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        } else if (Set.of("csv", "ql:csv", "rml:csv").contains(formulation.toLowerCase(java.util.Locale.ROOT))) {
            json = false;
        } else if (Set.of("jsonpath", "ql:jsonpath", "rml:jsonpath").contains(formulation.toLowerCase(java.util.Locale.ROOT))) {
            json = true;
        } else {
            throw error(line, key, "reference formulation \"" + formulation
                    + "\" is not supported; this engine reads tables (csv: CSV, .csv.gz, .xlsx, .xls) and JSON (jsonpath)");
        }
        if (iteratorPath != null && !json) {
            throw error(line, key, "an iterator is for JSON sources (jsonpath); a table's records are its rows");
        }
        if (access.isBlank()) {
            throw error(line, key, "the source names no file");
        }
        Node src;
        if (Path.of(access).isAbsolute()) {
            src = NodeFactory.createLiteralString(access);
        } else {
            src = NodeFactory.createBlankNode();
            add(src, RDF.type.asNode(), RelativePathSource);
            add(src, root, MappingDirectory);
            add(src, path, NodeFactory.createLiteralString(access));
        }
        add(ls, source, src);
        add(ls, referenceFormulation, json ? JSONPath : CSV);
        if (iteratorPath != null) {
            add(ls, iterator, NodeFactory.createLiteralString(iteratorPath));
        }
    }

    // ---- predicate-object maps

    private void predicateObject(Node tm, YamlNode item, String key) {
        Node pom = NodeFactory.createBlankNode();
        if (item.isList()) {
            if (item.items.size() < 2 || item.items.size() > 3) {
                throw error(item.line, key, "a short predicate-object is [predicate, object] or [predicate, object, datatype or lang~lang], not a list of "
                        + item.items.size());
            }
            boolean isType = predicates(pom, item.items.get(0), key);
            String datatypeOrLang = null;
            if (item.items.size() == 3) {
                YamlNode third = item.items.get(2);
                if (!third.isScalar()) {
                    throw error(third.line, key, "the third element is a datatype (xsd:integer) or a language (es~lang), not " + third.describe());
                }
                datatypeOrLang = third.text;
            }
            YamlNode o = item.items.get(1);
            List<YamlNode> objects = o.isList() ? o.items : List.of(o);
            for (YamlNode obj : objects) {
                if (!obj.isScalar()) {
                    throw error(obj.line, key, "an object in short form is a text such as $(column), not " + obj.describe());
                }
                String value = obj.text;
                String type = isType ? "iri" : "literal";
                int tilde = value.lastIndexOf('~');
                if (tilde >= 0 && Set.of("iri", "literal", "blanknode").contains(value.substring(tilde + 1))) {
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
                add(pom, objectMap, om);
                objectTerm(om, value, type, dt, lang, obj.line, key);
            }
        } else if (item.isMap()) {
            checkKeys(item, PO_KEYS, "in a predicate-object");
            YamlNode.Entry p = first(item, "p", "predicates", "predicate");
            if (p == null) {
                throw error(item.line, key, "a predicate-object needs p (the predicate)");
            }
            boolean isType = predicates(pom, p.value(), p.key());
            YamlNode.Entry o = first(item, "o", "objects", "object");
            if (o == null) {
                throw error(item.line, key, "a predicate-object needs o (the object)");
            }
            List<YamlNode> objects = o.value().isList() ? o.value().items : List.of(o.value());
            for (YamlNode obj : objects) {
                object(pom, obj, isType, o.key());
            }
            YamlNode.Entry g = first(item, "graphs", "g");
            if (g != null) {
                graphs(pom, g);
            }
        } else {
            throw error(item.line, key, "a predicate-object is [predicate, object] or a map with p and o, not " + item.describe());
        }
        add(tm, predicateObjectMap, pom);
    }

    /** Adds the predicates; true when the predicate is {@code a} (rdf:type), whose objects are IRIs. */
    private boolean predicates(Node pom, YamlNode p, String key) {
        List<YamlNode> list = p.isList() ? p.items : List.of(p);
        boolean isType = false;
        for (YamlNode one : list) {
            if (!one.isScalar()) {
                throw error(one.line, key, "a predicate is an IRI such as ex:name, not " + one.describe());
            }
            if (one.text.contains("$(")) {
                throw error(one.line, key, "predicates from columns are not supported: " + one.text);
            }
            Node iri = one.text.equals("a") ? NodeFactory.createURI(expand("rdf") + "type") : iri(one.text, one.line, key);
            isType |= iri.equals(RDF.type.asNode());
            add(pom, predicate, iri);
        }
        return isType;
    }

    private void object(Node pom, YamlNode obj, boolean isType, String key) {
        if (obj.isMap() && obj.entry("mapping") != null) {
            checkKeys(obj, OBJECT_KEYS, "in an object");
            join(pom, obj, obj.entry("mapping"));
            return;
        }
        Node om = NodeFactory.createBlankNode();
        add(pom, objectMap, om);
        if (obj.isScalar()) {
            String value = obj.text;
            String type = isType ? "iri" : "literal";
            int tilde = value.lastIndexOf('~');
            if (tilde >= 0 && Set.of("iri", "literal", "blanknode").contains(value.substring(tilde + 1))) {
                type = value.substring(tilde + 1);
                value = value.substring(0, tilde);
            }
            objectTerm(om, value, type, null, null, obj.line, key);
            return;
        }
        if (obj.isList()) {
            if (obj.items.size() != 2 || !obj.items.get(0).isScalar() || !obj.items.get(1).isScalar()) {
                throw error(obj.line, key, "an object in list form is [value, datatype] or [value, lang~lang]");
            }
            String second = obj.items.get(1).text;
            boolean lang = second.endsWith("~lang");
            objectTerm(om, obj.items.get(0).text, "literal", lang ? null : second,
                    lang ? second.substring(0, second.length() - 5) : null, obj.line, key);
            return;
        }
        if (!obj.isMap()) {
            throw error(obj.line, key, "an object is a text, [value, datatype] or a map with value or mapping, not " + obj.describe());
        }
        checkKeys(obj, OBJECT_KEYS, "in an object");
        YamlNode.Entry value = obj.entry("value");
        if (value == null) {
            throw error(obj.line, key, "an object needs value (or mapping, to link to another mapping's subjects)");
        }
        YamlNode.Entry type = obj.entry("type");
        YamlNode.Entry dt = obj.entry("datatype");
        YamlNode.Entry lang = obj.entry("language");
        String typeName = type != null ? scalar(type) : (isType ? "iri" : "literal");
        if (!Set.of("iri", "literal", "blank", "blanknode").contains(typeName)) {
            throw error(type.line(), "type", "type is iri, literal or blank, not \"" + typeName + "\"");
        }
        if ((dt != null || lang != null) && !typeName.equals("literal")) {
            YamlNode.Entry e = dt != null ? dt : lang;
            throw error(e.line(), e.key(), "only literals have a " + e.key() + " (this object has type " + typeName + ")");
        }
        if (dt != null && lang != null) {
            throw error(lang.line(), "language", "a literal has a datatype or a language, not both");
        }
        objectTerm(om, scalar(value), typeName, dt == null ? null : scalar(dt), lang == null ? null : scalar(lang),
                dt != null ? dt.line() : lang != null ? lang.line() : value.line(),
                dt != null ? "datatype" : lang != null ? "language" : "value");
    }

    /** One referencing object map per triples map of the linked mapping (one per source and subject). */
    private void join(Node pom, YamlNode obj, YamlNode.Entry mapping) {
        String parentName = scalar(mapping);
        List<Node> parents = triplesMaps.get(parentName);
        if (parents == null) {
            throw error(mapping.line(), "mapping", "there is no mapping \"" + parentName + "\" (the mappings are: "
                    + String.join(", ", triplesMaps.keySet()) + ")");
        }
        for (String other : List.of("value", "datatype", "language", "type")) {
            YamlNode.Entry e = obj.entry(other);
            if (e != null) {
                throw error(e.line(), other, "an object that links to mapping \"" + parentName + "\" cannot also have " + other);
            }
        }
        for (Node parentTm : parents) {
            Node om = NodeFactory.createBlankNode();
            add(pom, objectMap, om);
            add(om, parentTriplesMap, parentTm);
            joinConditions(om, obj);
        }
    }

    private void joinConditions(Node om, YamlNode obj) {
        YamlNode.Entry condition = obj.entry("condition");
        if (condition == null) {
            return;
        }
        List<YamlNode> conditions = condition.value().isList() ? condition.value().items : List.of(condition.value());
        for (YamlNode c : conditions) {
            if (!c.isMap()) {
                throw error(c.line, "condition", "a condition is a map with function: equal and parameters, not " + c.describe());
            }
            checkKeys(c, Set.of("function", "parameters"), "in a condition");
            YamlNode.Entry fn = c.entry("function");
            if (fn == null || !Set.of("equal", "idlab-fn:equal", "grel:equal").contains(scalar(fn))) {
                throw error(fn == null ? c.line : fn.line(), "function", "only the condition function \"equal\" is supported"
                        + (fn == null ? "; give function: equal" : ", not \"" + scalar(fn) + "\""));
            }
            YamlNode.Entry params = c.entry("parameters");
            if (params == null || !params.value().isList() || params.value().items.size() != 2) {
                throw error(params == null ? c.line : params.line(), "parameters",
                        "an equal condition has two parameters: [[str1, $(child column)], [str2, $(parent column)]]");
            }
            String childColumn = null;
            String parentColumn = null;
            for (YamlNode param : params.value().items) {
                String name;
                String value;
                String from = null;
                if (param.isList() && (param.items.size() == 2 || param.items.size() == 3)
                        && param.items.stream().allMatch(YamlNode::isScalar)) {
                    name = param.items.get(0).text;
                    value = param.items.get(1).text;
                    from = param.items.size() == 3 ? param.items.get(2).text : null;
                } else if (param.isMap() && param.entry("parameter") != null && param.entry("value") != null) {
                    checkKeys(param, Set.of("parameter", "value", "from"), "in a condition parameter");
                    name = scalar(param.entry("parameter"));
                    value = scalar(param.entry("value"));
                    from = param.entry("from") == null ? null : scalar(param.entry("from"));
                } else {
                    throw error(param.line, "parameters", "a parameter is [str1, $(column)] (or [str1, $(column), s|o])");
                }
                if (!name.equals("str1") && !name.equals("str2")) {
                    throw error(param.line, "parameters", "the parameters of equal are str1 and str2, not \"" + name + "\"");
                }
                String column = reference(value);
                if (column == null) {
                    throw error(param.line, "parameters", "a join parameter is one column, $(column), not \"" + value + "\"");
                }
                boolean fromSubject = from == null ? name.equals("str1") : from.equals("s") || from.equals("subject");
                if (from != null && !Set.of("s", "o", "subject", "object").contains(from)) {
                    throw error(param.line, "parameters", "a parameter is from s (this mapping) or o (the linked mapping), not \"" + from + "\"");
                }
                if (fromSubject) {
                    if (childColumn != null) {
                        throw error(param.line, "parameters", "both parameters read this mapping's source; one must be from the linked mapping (o)");
                    }
                    childColumn = column;
                } else {
                    if (parentColumn != null) {
                        throw error(param.line, "parameters", "both parameters read the linked mapping's source; one must be from this mapping (s)");
                    }
                    parentColumn = column;
                }
            }
            Node jc = NodeFactory.createBlankNode();
            add(om, joinCondition, jc);
            add(jc, child, NodeFactory.createLiteralString(childColumn));
            add(jc, parent, NodeFactory.createLiteralString(parentColumn));
        }
    }

    private void graphs(Node owner, YamlNode.Entry g) {
        List<YamlNode> list = g.value().isList() ? g.value().items : List.of(g.value());
        for (YamlNode one : list) {
            if (!one.isScalar()) {
                throw error(one.line, g.key(), "a graph is an IRI or a template such as ex:$(year), not " + one.describe());
            }
            Node gm = NodeFactory.createBlankNode();
            add(owner, graphMap, gm);
            if (one.text.equals("rr:defaultGraph") || one.text.equals("rml:defaultGraph")) {
                add(gm, constant, defaultGraph);
            } else {
                termValue(gm, one.text, IRI, one.line, g.key());
            }
        }
    }

    // ---- term maps

    /** An object term map: value with type iri, literal or blank, and a datatype or language for literals. */
    private void objectTerm(Node om, String value, String type, String dt, String lang, int line, String key) {
        Node tt = switch (type) {
            case "iri" -> IRI;
            case "blank", "blanknode" -> BlankNode;
            default -> Literal;
        };
        if (tt != Literal && (dt != null || lang != null)) {
            throw error(line, key, "only literals have a datatype or language; \"" + value + "\" is an IRI or blank node");
        }
        if (tt == Literal && reference(value) == null && !value.contains("$(")) {
            Node lit;
            if (lang != null) {
                if (lang.contains("$(")) {
                    add(om, constant, NodeFactory.createLiteralString(value));
                    languageMap(om, lang, line, key);
                    return;
                }
                lit = NodeFactory.createLiteralLang(value, checkLanguage(lang, line, key));
            } else if (dt != null) {
                if (dt.contains("$(")) {
                    add(om, constant, NodeFactory.createLiteralString(value));
                    datatypeMap(om, dt, line, key);
                    return;
                }
                lit = NodeFactory.createLiteralDT(value, TypeMapper.getInstance().getSafeTypeByName(iri(dt, line, key).getURI()));
            } else {
                lit = NodeFactory.createLiteralString(value);
            }
            add(om, constant, lit);
            return;
        }
        if (tt == Literal) {
            String column = reference(value);
            if (column != null) {
                add(om, reference, NodeFactory.createLiteralString(column));
            } else {
                add(om, template, NodeFactory.createLiteralString(template(value, false, line, key)));
                add(om, termType, Literal);
            }
            if (lang != null) {
                if (lang.contains("$(")) {
                    languageMap(om, lang, line, key);
                } else {
                    add(om, language, NodeFactory.createLiteralString(checkLanguage(lang, line, key)));
                }
            } else if (dt != null) {
                if (dt.contains("$(")) {
                    datatypeMap(om, dt, line, key);
                } else {
                    add(om, datatype, iri(dt, line, key));
                }
            }
            return;
        }
        termValue(om, value, tt, line, key);
    }

    /** Subject, graph or IRI/blank object: a constant IRI, a reference or a template, with its term type. */
    private void termValue(Node map, String value, Node tt, int line, String key) {
        String column = reference(value);
        if (column != null) {
            add(map, reference, NodeFactory.createLiteralString(column));
            add(map, termType, tt);
        } else if (value.contains("$(")) {
            add(map, template, NodeFactory.createLiteralString(template(value, tt == IRI, line, key)));
            add(map, termType, tt);
        } else if (tt == BlankNode) {
            add(map, constant, NodeFactory.createLiteralString(value));
            add(map, termType, tt);
        } else {
            add(map, constant, iri(value, line, key));
        }
    }

    private void languageMap(Node om, String lang, int line, String key) {
        Node lm = NodeFactory.createBlankNode();
        add(om, languageMap, lm);
        String column = reference(lang);
        if (column != null) {
            add(lm, reference, NodeFactory.createLiteralString(column));
        } else {
            add(lm, template, NodeFactory.createLiteralString(template(lang, false, line, key)));
        }
    }

    private void datatypeMap(Node om, String dt, int line, String key) {
        Node dm = NodeFactory.createBlankNode();
        add(om, datatypeMap, dm);
        String column = reference(dt);
        if (column != null) {
            add(dm, reference, NodeFactory.createLiteralString(column));
        } else {
            add(dm, template, NodeFactory.createLiteralString(template(dt, true, line, key)));
        }
    }

    private String checkLanguage(String lang, int line, String key) {
        if (!lang.matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")) {
            throw error(line, key, "\"" + lang + "\" is not a language tag (such as es or es-MX)");
        }
        return lang;
    }

    /** The column when {@code value} is exactly one {@code $(column)}, else null. */
    private static String reference(String value) {
        if (value.startsWith("$(") && value.endsWith(")") && value.indexOf(')') == value.length() - 1) {
            return value.substring(2, value.length() - 1);
        }
        return null;
    }

    /**
     * {@code ex:id/$(A)} → RML template {@code http://example.com/id/{A}}: a leading prefix is expanded
     * (for IRIs), literal braces and backslashes are escaped, {@code \$(} keeps {@code $(} as text.
     */
    private String template(String value, boolean isIri, int line, String key) {
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
                    throw error(line, key, "\"" + value + "\": $( without its closing )");
                }
                String column = text.substring(i + 2, end);
                if (column.isEmpty()) {
                    throw error(line, key, "\"" + value + "\": $() names no column");
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

    private static void escape(String s, StringBuilder out) {
        for (char c : s.toCharArray()) {
            if (c == '{' || c == '}' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** A constant IRI: {@code prefix:local} expanded, absolute as is, relative resolved against the base. */
    private Node iri(String text, int line, String key) {
        int colon = text.indexOf(':');
        if (colon >= 0) {
            String prefix = text.substring(0, colon);
            if (prefixes.containsKey(prefix) && !text.startsWith("//", colon + 1)) {
                return NodeFactory.createURI(checkIri(expand(prefix) + text.substring(colon + 1), line, key));
            }
            if (prefix.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                if (!text.startsWith("//", colon + 1)
                        && !Set.of("urn", "mailto", "tel", "data", "file", "tag").contains(prefix.toLowerCase(java.util.Locale.ROOT))) {
                    throw error(line, key, "prefix \"" + prefix + "\" of " + text + " is not declared in prefixes");
                }
                return NodeFactory.createURI(checkIri(text, line, key));
            }
        }
        return NodeFactory.createURI(resolve(text, line, key));
    }

    /** The namespace of a prefix; a predefined prefix the mapping uses is declared in the graph, for readable Turtle. */
    private String expand(String prefix) {
        String ns = prefixes.get(prefix);
        if (graph.getPrefixMapping().getNsPrefixURI(prefix) == null && !graph.getPrefixMapping().getNsPrefixMap().containsValue(ns)) {
            graph.getPrefixMapping().setNsPrefix(prefix, ns);
        }
        return ns;
    }

    private String resolve(String relative, int line, String key) {
        String against = base != null ? base : defaultBase != null ? defaultBase : file.toAbsolutePath().toUri().toString();
        try {
            return IRIx.create(against).resolve(relative).str();
        } catch (IRIException bad) {
            throw error(line, key, "<" + relative + "> is not a valid IRI: " + bad.getMessage());
        }
    }

    private String checkIri(String iri, int line, String key) {
        try {
            IRIx.create(iri);
            return iri;
        } catch (IRIException bad) {
            throw error(line, key, "<" + iri + "> is not a valid IRI: " + bad.getMessage());
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- YAML helpers

    private void checkKeys(YamlNode map, Set<String> allowed, String where) {
        for (YamlNode.Entry e : map.entries) {
            if (!allowed.contains(e.key())) {
                throw error(e.line(), e.key(), "unknown key " + where + "; expected one of: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private YamlNode.Entry first(YamlNode map, String... keys) {
        YamlNode.Entry found = null;
        for (String k : keys) {
            YamlNode.Entry e = map.entry(k);
            if (e != null) {
                if (found != null) {
                    throw error(e.line(), e.key(), "\"" + found.key() + "\" and \"" + e.key() + "\" say the same; give one of them");
                }
                found = e;
            }
        }
        return found;
    }

    private void map(YamlNode.Entry e) {
        if (!e.value().isMap()) {
            throw error(e.line(), e.key(), e.key() + " is a map, not " + e.value().describe());
        }
    }

    private String scalar(YamlNode.Entry e) {
        if (!e.value().isScalar()) {
            throw error(e.line(), e.key(), "expected a text, not " + e.value().describe());
        }
        return e.value().text;
    }

    private void add(Node s, Node p, Node o) {
        graph.add(Triple.create(s, p, o));
    }

    private YamlMappingException error(int line, String key, String message) {
        return new YamlMappingException(file, line, key, message);
    }
}
