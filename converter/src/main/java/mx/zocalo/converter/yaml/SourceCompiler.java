package mx.zocalo.converter.yaml;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mx.zocalo.converter.SourceOptions;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * Sources: named at the top ({@code sources:}) or written in a mapping, in short form ({@code [file~csv]},
 * {@code [file.json~jsonpath, iterator]}) or long form ({@code access}, {@code referenceFormulation}, {@code iterator},
 * and for tables how to read them: {@code headerRow}, {@code sheet}, {@code encoding}, {@code delimiter}), compiled to
 * logical sources whose paths resolve from the YAML file's folder. A table read another way than the default becomes a
 * CSVW table ({@code csvw:dialect} with {@code csvw:skipRows}, {@code csvw:encoding}, {@code csvw:delimiter}); its sheet
 * is the logical source's {@code rml:iterator}.
 */
final class SourceCompiler {
    private static final Set<String> SOURCE_KEYS = Set.of("access", "referenceFormulation", "iterator", "headerRow", "sheet",
            "encoding", "delimiter");

    /**
     * A source as the YAML gives it; {@code line} and {@code key} are where errors about it point, {@code lines} where each
     * of its keys is.
     */
    private record Spec(String access, String formulation, String iterator, Integer headerRow, String sheet, Charset encoding,
            Character delimiter, int line, String key, Map<String, Integer> lines) {
        int lineOf(String key) {
            return lines.getOrDefault(key, line);
        }
    }

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
        Spec spec = s.isMap() ? longForm(s, key) : shortForm(s, key);
        boolean json = json(spec);
        check(spec, json);
        Node src;
        if (spec.headerRow() != null || spec.encoding() != null || spec.delimiter() != null) {
            src = csvwTable(spec);
        } else if (Path.of(spec.access()).isAbsolute()) {
            src = NodeFactory.createLiteralString(spec.access());
        } else {
            src = NodeFactory.createBlankNode();
            out.add(src, RDF.type.asNode(), RmlGraph.RelativePathSource);
            out.add(src, RmlGraph.root, RmlGraph.MappingDirectory);
            out.add(src, RmlGraph.path, NodeFactory.createLiteralString(spec.access()));
        }
        out.add(ls, RmlGraph.source, src);
        out.add(ls, RmlGraph.referenceFormulation, json ? RmlGraph.JSONPath : RmlGraph.CSV);
        String iterator = spec.iterator() != null ? spec.iterator() : spec.sheet();
        if (iterator != null) {
            out.add(ls, RmlGraph.iterator, NodeFactory.createLiteralString(iterator));
        }
    }

    private Spec longForm(YamlNode s, String key) {
        file.checkKeys(s, SOURCE_KEYS, "in a source");
        YamlNode.Entry a = s.entry("access");
        if (a == null) {
            throw file.error(s.line, key, "a source needs \"access\" (the file)");
        }
        String access = file.scalar(a);
        int line = a.line();
        String formulation = null;
        YamlNode.Entry rf = s.entry("referenceFormulation");
        if (rf != null) {
            formulation = file.scalar(rf);
            line = rf.line();
            key = rf.key();
        }
        YamlNode.Entry it = s.entry("iterator");
        YamlNode.Entry header = s.entry("headerRow");
        Integer headerRow = null;
        if (header != null) {
            String text = file.scalar(header).strip();
            if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1) {
                throw file.error(header.line(), "headerRow", "headerRow is the row of the header, counted from 1 (the rows above it "
                        + "are skipped), not \"" + text + "\"");
            }
            headerRow = Integer.parseInt(text);
        }
        YamlNode.Entry sheet = s.entry("sheet");
        if (sheet != null && file.scalar(sheet).isBlank()) {
            throw file.error(sheet.line(), "sheet", "sheet names a workbook's sheet, by name or position from 1; it is empty");
        }
        YamlNode.Entry enc = s.entry("encoding");
        Charset encoding = null;
        YamlNode.Entry delim = s.entry("delimiter");
        Character delimiter = null;
        try {
            encoding = enc == null ? null : SourceOptions.encoding(file.scalar(enc));
        } catch (IllegalArgumentException e) {
            throw file.error(enc.line(), "encoding", e.getMessage());
        }
        try {
            delimiter = delim == null ? null : SourceOptions.delimiter(file.scalar(delim));
        } catch (IllegalArgumentException e) {
            throw file.error(delim.line(), "delimiter", e.getMessage());
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        s.entries.forEach(e -> lines.put(e.key(), e.line()));
        return new Spec(access, formulation, it == null ? null : file.scalar(it), headerRow, sheet == null ? null : file.scalar(sheet),
                encoding, delimiter, line, key, lines);
    }

    private Spec shortForm(YamlNode s, String key) {
        YamlNode text = s;
        String iterator = null;
        if (s.isList()) {
            if (s.items.isEmpty() || s.items.size() > 2 || !s.items.stream().allMatch(YamlNode::isScalar)) {
                throw file.error(s.line, key, "a source in short form is [file~csv] or [file~jsonpath, iterator]");
            }
            text = s.items.get(0);
            iterator = s.items.size() == 2 ? s.items.get(1).text : null;
        }
        if (!text.isScalar()) {
            throw file.error(s.line, key, "a source is [file~csv] or a map with access, not " + text.describe());
        }
        String access = text.text;
        String formulation = null;
        int tilde = access.lastIndexOf('~');
        if (tilde >= 0) {
            formulation = access.substring(tilde + 1);
            access = access.substring(0, tilde);
        }
        return new Spec(access, formulation, iterator, null, null, null, null, text.line, key, Map.of());
    }

    private boolean json(Spec spec) {
        String formulation = spec.formulation();
        if (formulation == null) {
            return spec.access().toLowerCase(Locale.ROOT).endsWith(".json");
        }
        if (Set.of("csv", "ql:csv", "rml:csv").contains(formulation.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (Set.of("jsonpath", "ql:jsonpath", "rml:jsonpath").contains(formulation.toLowerCase(Locale.ROOT))) {
            return true;
        }
        throw file.error(spec.line(), spec.key(), "reference formulation \"" + formulation
                + "\" is not supported; this engine reads tables (csv: CSV, .csv.gz, .xlsx, .xls) and JSON (jsonpath)");
    }

    /** The options fit the source: a sheet for a workbook, an encoding or a delimiter for CSV, none of them for JSON. */
    private void check(Spec spec, boolean json) {
        String access = spec.access();
        if (access.isBlank()) {
            throw file.error(spec.line(), spec.key(), "the source names no file");
        }
        String lower = access.toLowerCase(Locale.ROOT);
        boolean workbook = lower.endsWith(".xlsx") || lower.endsWith(".xls");
        if (json && (spec.headerRow() != null || spec.sheet() != null || spec.encoding() != null || spec.delimiter() != null)) {
            String option = spec.headerRow() != null ? "headerRow" : spec.sheet() != null ? "sheet" : spec.encoding() != null ? "encoding"
                    : "delimiter";
            throw file.error(spec.lineOf(option), option, "headerRow, sheet, encoding and delimiter are for tables (csv); the records "
                    + "of the JSON source " + access + " are what its iterator selects");
        }
        if (spec.iterator() != null && !json) {
            throw file.error(spec.lineOf("iterator"), "iterator", "an iterator is for JSON sources (jsonpath); a table's records are its rows"
                    + (workbook ? " (a workbook's sheet is given with sheet:)" : ""));
        }
        if (spec.sheet() != null && !workbook) {
            throw file.error(spec.lineOf("sheet"), "sheet", "sheet is for a workbook (.xlsx, .xls); " + access + " is one table");
        }
        if (workbook && (spec.encoding() != null || spec.delimiter() != null)) {
            String option = spec.encoding() != null ? "encoding" : "delimiter";
            throw file.error(spec.lineOf(option), option, "encoding and delimiter are for CSV "
                    + "files; " + access + " is an Excel workbook");
        }
    }

    /** A CSVW table with the dialect the source gives: the header row as skipRows, the encoding, the delimiter. */
    private Node csvwTable(Spec spec) {
        out.graph.getPrefixMapping().setNsPrefix("csvw", RmlGraph.CSVW);
        Node table = NodeFactory.createBlankNode();
        Node dialect = NodeFactory.createBlankNode();
        out.add(table, RDF.type.asNode(), RmlGraph.Table);
        out.add(table, RmlGraph.url, NodeFactory.createLiteralString(spec.access()));
        out.add(table, RmlGraph.dialect, dialect);
        if (spec.headerRow() != null) {
            out.add(dialect, RmlGraph.skipRows, NodeFactory.createLiteralDT(String.valueOf(spec.headerRow() - 1), XSDDatatype.XSDinteger));
        }
        if (spec.encoding() != null) {
            out.add(dialect, RmlGraph.encoding, NodeFactory.createLiteralString(spec.encoding().name()));
        }
        if (spec.delimiter() != null) {
            out.add(dialect, RmlGraph.delimiter, NodeFactory.createLiteralString(String.valueOf(spec.delimiter())));
        }
        return table;
    }
}
