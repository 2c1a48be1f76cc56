package mx.zocalo.converter.yaml;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * YARRRML subset → RML graph. One instance per file. This class reads the top of the file and the mappings' sources
 * and subjects; {@link SourceCompiler}, {@link PredicateObjectCompiler}, {@link JoinCompiler} and {@link TermMapCompiler}
 * write the parts, and {@link YamlIris} expands and resolves every IRI.
 */
final class YarrrmlCompiler {
    private static final Set<String> TOP_KEYS = Set.of("prefixes", "base", "sources", "mappings");
    private static final Set<String> MAPPING_KEYS = Set.of("sources", "source", "s", "subject", "subjects", "po",
            "predicateobjects", "graphs", "g");

    private final YamlFile file;
    private final RmlGraph out = new RmlGraph();
    private final YamlIris iris;
    private final SourceCompiler sources;
    private final TermMapCompiler terms;
    private final PredicateObjectCompiler predicateObjects;
    /** The triples maps of each YAML mapping: one per source and subject (the first named after the mapping). */
    private final Map<String, List<Node>> triplesMaps = new LinkedHashMap<>();
    private final Map<String, List<YamlNode>> sourcesOf = new LinkedHashMap<>();
    private final Map<String, List<YamlNode>> subjectsOf = new LinkedHashMap<>();

    YarrrmlCompiler(Path file, String defaultBase) {
        this.file = new YamlFile(file);
        this.iris = new YamlIris(this.file, out.graph.getPrefixMapping(), defaultBase);
        this.sources = new SourceCompiler(this.file, out);
        this.terms = new TermMapCompiler(this.file, out, iris);
        this.predicateObjects = new PredicateObjectCompiler(this.file, out, iris, terms, new JoinCompiler(this.file, out, triplesMaps));
    }

    YarrrmlMapping compile(YamlNode top) {
        if (!top.isMap()) {
            throw file.error(top.line, null, "a mapping is a map with the keys prefixes, base, sources and mappings, not " + top.describe());
        }
        file.checkKeys(top, TOP_KEYS, "at the top of the mapping");
        YamlNode.Entry b = top.entry("base");
        if (b != null) {
            iris.base(file.scalar(b), b.line());
        }
        YamlNode.Entry p = top.entry("prefixes"); // after the base: a relative namespace resolves against it
        if (p != null) {
            file.requireMap(p);
            for (YamlNode.Entry e : p.value().entries) {
                iris.prefix(e.key(), file.scalar(e), e.line());
            }
        }
        YamlNode.Entry s = top.entry("sources");
        if (s != null) {
            sources.declare(s);
        }
        YamlNode.Entry m = top.entry("mappings");
        if (m == null) {
            throw file.error(top.line, "mappings", "the mapping has no \"mappings\"");
        }
        file.requireMap(m);
        for (YamlNode.Entry e : m.value().entries) {
            declare(e);
        }
        for (YamlNode.Entry e : m.value().entries) {
            triplesMap(e);
        }
        return new YarrrmlMapping(file.path, out.graph, iris.base(), iris.resolvedAgainst());
    }

    /** Checks a mapping's keys, sources and subjects, and names its triples maps (joins may point to any mapping). */
    private void declare(YamlNode.Entry entry) {
        String name = entry.key();
        YamlNode body = entry.value();
        if (!body.isMap()) {
            throw file.error(entry.line(), name, "a mapping is a map (with sources, s and po), not " + body.describe());
        }
        file.checkKeys(body, MAPPING_KEYS, "in mapping \"" + name + "\"");
        YamlNode.Entry src = file.first(body, "sources", "source");
        if (src == null) {
            throw file.error(entry.line(), name, "mapping \"" + name + "\" has no sources");
        }
        List<YamlNode> sourceList = sources.sources(src);
        YamlNode.Entry subj = file.first(body, "s", "subjects", "subject");
        if (subj == null) {
            throw file.error(entry.line(), name, "mapping \"" + name + "\" has no subject (s)");
        }
        List<YamlNode> subjects = subj.value().isList() ? subj.value().items : List.of(subj.value());
        if (subjects.isEmpty()) {
            throw file.error(subj.line(), subj.key(), "mapping \"" + name + "\" has no subject (s)");
        }
        for (YamlNode one : subjects) {
            if (!one.isScalar()) {
                throw file.error(one.line, subj.key(), "the subject is a text such as ex:$(id), not " + one.describe());
            }
        }
        List<Node> ids = new ArrayList<>();
        for (int i = 0; i < sourceList.size() * subjects.size(); i++) {
            ids.add(NodeFactory.createURI(iris.resolve("#" + encode(i == 0 ? name : name + "~" + (i + 1)), entry.line(), name)));
        }
        triplesMaps.put(name, List.copyOf(ids));
        sourcesOf.put(name, sourceList);
        subjectsOf.put(name, subjects);
    }

    private void triplesMap(YamlNode.Entry entry) {
        String name = entry.key();
        YamlNode body = entry.value();
        YamlNode.Entry src = file.first(body, "sources", "source");
        YamlNode.Entry subj = file.first(body, "s", "subjects", "subject");
        List<Node> ids = triplesMaps.get(name);
        int i = 0;
        for (YamlNode source : sourcesOf.get(name)) {
            for (YamlNode subject : subjectsOf.get(name)) {
                triplesMap(ids.get(i++), body, source, src.key(), subject, subj.key());
            }
        }
    }

    private void triplesMap(Node tm, YamlNode body, YamlNode sourceNode, String sourceKey, YamlNode subjValue, String subjectKey) {
        out.add(tm, RDF.type.asNode(), RmlGraph.TriplesMap);
        Node ls = NodeFactory.createBlankNode();
        out.add(tm, RmlGraph.logicalSource, ls);
        sources.logicalSource(sourceNode, ls, sourceKey);

        Node sm = NodeFactory.createBlankNode();
        out.add(tm, RmlGraph.subjectMap, sm);
        String subjectText = subjValue.text;
        Node subjectType = RmlGraph.IRI;
        if (subjectText.endsWith("~blanknode")) {
            subjectText = subjectText.substring(0, subjectText.length() - "~blanknode".length());
            subjectType = RmlGraph.BlankNode;
        } else if (subjectText.endsWith("~iri")) {
            subjectText = subjectText.substring(0, subjectText.length() - "~iri".length());
        }
        terms.termValue(sm, subjectText, subjectType, subjValue.line, subjectKey);

        YamlNode.Entry g = file.first(body, "graphs", "g");
        if (g != null) {
            terms.graphs(sm, g);
        }

        YamlNode.Entry po = file.first(body, "po", "predicateobjects");
        if (po != null) {
            if (!po.value().isList()) {
                throw file.error(po.line(), po.key(), "po is a list of [predicate, object] or of maps with p and o, not " + po.value().describe());
            }
            for (YamlNode item : po.value().items) {
                predicateObjects.predicateObject(tm, item, po.key());
            }
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
