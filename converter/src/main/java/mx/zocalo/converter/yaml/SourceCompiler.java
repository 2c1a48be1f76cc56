package mx.zocalo.converter.yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * Sources: named at the top ({@code sources:}) or written in a mapping, in short form ({@code [file~csv]},
 * {@code [file.json~jsonpath, iterator]}) or long form ({@code access}, {@code referenceFormulation}, {@code iterator}),
 * compiled to logical sources whose paths resolve from the YAML file's folder.
 */
final class SourceCompiler {
    private static final Set<String> SOURCE_KEYS = Set.of("access", "referenceFormulation", "iterator");

    private final YamlFile file;
    private final RmlGraph out;
    private final Map<String, YamlNode> named = new LinkedHashMap<>();

    SourceCompiler(YamlFile file, RmlGraph out) {
        this.file = file;
        this.out = out;
    }

    /** The top-level {@code sources}: a map from names to sources. */
    void declare(YamlNode.Entry sources) {
        file.requireMap(sources);
        for (YamlNode.Entry e : sources.value().entries) {
            named.put(e.key(), e.value());
        }
    }

    /** A mapping's {@code sources}: names of top-level sources, one source, or a list of them. */
    List<YamlNode> sources(YamlNode.Entry entry) {
        YamlNode v = entry.value();
        List<YamlNode> sources = new ArrayList<>();
        if (v.isScalar() && named.containsKey(v.text)) {
            sources.add(named.get(v.text));
        } else if (v.isList() && !v.items.isEmpty() && v.items.stream().allMatch(i -> i.isScalar() && named.containsKey(i.text))) {
            v.items.forEach(i -> sources.add(named.get(i.text)));
        } else if (v.isList() && !v.items.isEmpty() && v.items.stream().allMatch(i -> i.isList() || i.isMap())) {
            sources.addAll(v.items);
        } else if (v.isScalar() && v.text.contains("~") || v.isList() || v.isMap()) {
            sources.add(v);
        } else {
            throw file.error(entry.line(), entry.key(), "\"" + v.text + "\" is not a source name (the sources are: "
                    + String.join(", ", named.keySet()) + ") nor a file such as [data.csv~csv]");
        }
        return List.copyOf(sources);
    }

    /** Writes source {@code s} as logical source {@code ls}. */
    void logicalSource(YamlNode s, Node ls, String key) {
        String access;
        String formulation = null;
        String iteratorPath = null;
        int line = s.line;
        if (s.isMap()) {
            file.checkKeys(s, SOURCE_KEYS, "in a source");
            YamlNode.Entry a = s.entry("access");
            if (a == null) {
                throw file.error(s.line, key, "a source needs \"access\" (the file)");
            }
            access = file.scalar(a);
            line = a.line();
            YamlNode.Entry rf = s.entry("referenceFormulation");
            if (rf != null) {
                formulation = file.scalar(rf);
                line = rf.line();
                key = rf.key();
            }
            YamlNode.Entry it = s.entry("iterator");
            if (it != null) {
                iteratorPath = file.scalar(it);
            }
        } else {
            YamlNode text = s;
            if (s.isList()) {
                if (s.items.isEmpty() || s.items.size() > 2 || !s.items.stream().allMatch(YamlNode::isScalar)) {
                    throw file.error(s.line, key, "a source in short form is [file~csv] or [file~jsonpath, iterator]");
                }
                text = s.items.get(0);
                iteratorPath = s.items.size() == 2 ? s.items.get(1).text : null;
            }
            if (!text.isScalar()) {
                throw file.error(s.line, key, "a source is [file~csv] or a map with access, not " + text.describe());
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
            json = access.toLowerCase(Locale.ROOT).endsWith(".json");
        } else if (Set.of("csv", "ql:csv", "rml:csv").contains(formulation.toLowerCase(Locale.ROOT))) {
            json = false;
        } else if (Set.of("jsonpath", "ql:jsonpath", "rml:jsonpath").contains(formulation.toLowerCase(Locale.ROOT))) {
            json = true;
        } else {
            throw file.error(line, key, "reference formulation \"" + formulation
                    + "\" is not supported; this engine reads tables (csv: CSV, .csv.gz, .xlsx, .xls) and JSON (jsonpath)");
        }
        if (iteratorPath != null && !json) {
            throw file.error(line, key, "an iterator is for JSON sources (jsonpath); a table's records are its rows");
        }
        if (access.isBlank()) {
            throw file.error(line, key, "the source names no file");
        }
        Node src;
        if (Path.of(access).isAbsolute()) {
            src = NodeFactory.createLiteralString(access);
        } else {
            src = NodeFactory.createBlankNode();
            out.add(src, RDF.type.asNode(), RmlGraph.RelativePathSource);
            out.add(src, RmlGraph.root, RmlGraph.MappingDirectory);
            out.add(src, RmlGraph.path, NodeFactory.createLiteralString(access));
        }
        out.add(ls, RmlGraph.source, src);
        out.add(ls, RmlGraph.referenceFormulation, json ? RmlGraph.JSONPath : RmlGraph.CSV);
        if (iteratorPath != null) {
            out.add(ls, RmlGraph.iterator, NodeFactory.createLiteralString(iteratorPath));
        }
    }
}
