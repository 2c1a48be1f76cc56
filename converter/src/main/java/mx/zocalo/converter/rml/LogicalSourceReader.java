package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.function.Function;
import mx.zocalo.converter.SourceOptions;
import mx.zocalo.converter.source.TableOptions;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

/**
 * Reads a logical source: a plain path string, an {@code rml:RelativePathSource} ({@code rml:root} +
 * {@code rml:path}), or a CSVW {@code csvw:Table} ({@code csvw:url} + {@code csvw:dialect}). Relative
 * paths resolve from the mapping file's folder unless the root says the working directory.
 */
final class LogicalSourceReader {
    private final MappingGraph mapping;
    private final Graph graph;
    private final Path file;
    private final Function<Path, SourceOptions> given;

    /** @param given how to read each table file where the logical source does not say (dataset.yaml, convert's options) */
    LogicalSourceReader(MappingGraph mapping, Path file, Function<Path, SourceOptions> given) {
        this.mapping = mapping;
        this.graph = mapping.graph();
        this.file = file;
        this.given = given;
    }

    LogicalSource logicalSource(Node ls, String name) {
        Node formulation = single(ls, Rml.referenceFormulation, "rml:referenceFormulation of " + name, false);
        if (formulation != null && !formulation.equals(Rml.CSV) && !formulation.equals(Rml.JSONPath)) {
            throw new MappingException(name + ": reference formulation " + formulation
                    + " is not supported; this engine reads tables (rml:CSV: CSV, .csv.gz, .xlsx, .xls) and JSON (rml:JSONPath)");
        }
        LogicalSource table = table(ls, name);
        table = new LogicalSource(table.file(), table.options().withStrictRows().withNulls(nulls(ls, name)), table.iterator());
        Node iterator = single(ls, Rml.iterator, "rml:iterator of the logical source of " + name, false);
        boolean json = formulation != null ? formulation.equals(Rml.JSONPath)
                : table.file().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        if (!json) {
            if (iterator == null && isWorkbook(table.file()) && given.apply(table.file()).sheet() != null) {
                return new LogicalSource(table.file(), table.options().withSheet(given.apply(table.file()).sheet()));
            }
            return iterator == null || !isWorkbook(table.file()) ? table : sheet(table, iterator, name);
        }
        if (iterator != null && !iterator.isLiteral()) {
            throw new MappingException(name + ": rml:iterator must be a JSONPath string, not " + iterator);
        }
        String path = iterator == null ? "$" : iterator.getLiteralLexicalForm();
        try {
            mx.zocalo.converter.source.JsonPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw new MappingException(name + ": rml:iterator: " + e.getMessage());
        }
        return new LogicalSource(table.file(), table.options(), path);
    }

    /**
     * The values of the source that are NULL (RML-IO, {@code rml:null}): those its {@code rml:source} lists with
     * {@code rml:null} (or, on a {@code csvw:Table}, {@code csvw:null}), and those given on the logical source itself;
     * exactly those. Null when none is given: then the spreadsheet rule holds (an empty or blank cell is NULL).
     */
    private java.util.Set<String> nulls(Node ls, String name) {
        java.util.Set<String> nulls = new java.util.LinkedHashSet<>();
        Node source = single(ls, Rml.source, "rml:source of the logical source of " + name, true);
        java.util.List<Node> given = new java.util.ArrayList<>(mapping.objects(ls, Rml.null_));
        if (!source.isLiteral()) {
            given.addAll(mapping.objects(source, Rml.null_));
            given.addAll(mapping.objects(source, Csvw.null_));
        }
        for (Node n : given) {
            if (!n.isLiteral()) {
                throw new MappingException(name + ": rml:null takes a string, the text of a value that is NULL (\"\" for an "
                        + "empty cell), not " + n);
            }
            nulls.add(n.getLiteralLexicalForm());
        }
        return given.isEmpty() ? null : nulls;
    }

    /**
     * A workbook source's {@code rml:iterator} names the sheet to read, as RMLMapper reads spreadsheets: the sheet's
     * name, or its 1-based position. (A CSV file has one table: there the iterator means nothing and is ignored.)
     */
    private LogicalSource sheet(LogicalSource table, Node iterator, String name) {
        if (!iterator.isLiteral() || iterator.getLiteralLexicalForm().isBlank()) {
            throw new MappingException(name + ": rml:iterator of a workbook source names the sheet to read (a name, or a "
                    + "position from 1), not " + iterator);
        }
        return new LogicalSource(table.file(), table.options().withSheet(iterator.getLiteralLexicalForm()));
    }

    static boolean isWorkbook(Path file) {
        String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".xlsx") || lower.endsWith(".xls");
    }

    private LogicalSource table(Node ls, String name) {
        Node source = single(ls, Rml.source, "rml:source of the logical source of " + name, true);
        Path folder = file.toAbsolutePath().getParent();
        if (source.isLiteral()) {
            return withGiven(folder.resolve(source.getLiteralLexicalForm()));
        }
        if (graph.contains(source, Csvw.url, Node.ANY) || graph.contains(source, RDF.type.asNode(), Csvw.Table)) {
            Node url = single(source, Csvw.url, "csvw:url of the csvw:Table source of " + name, true);
            String path = url.isLiteral() ? url.getLiteralLexicalForm() : url.getURI();
            Node dialect = single(source, Csvw.dialect, "csvw:dialect of the source of " + name, false);
            Path table = folder.resolve(path);
            return dialect == null ? withGiven(table) : new LogicalSource(table, dialect(dialect, name, given.apply(table.toAbsolutePath())));
        }
        Node path = single(source, Rml.path, "rml:path of the source of " + name, true);
        if (!path.isLiteral()) {
            throw new MappingException(name + ": rml:path must be a string, not " + path);
        }
        Node root = single(source, Rml.root, "rml:root of the source of " + name, false);
        if (root != null && root.equals(Rml.CurrentWorkingDirectory)) {
            folder = Path.of("").toAbsolutePath();
        } else if (root != null && !root.equals(Rml.MappingDirectory)) {
            throw new MappingException(name + ": rml:root must be rml:MappingDirectory or rml:CurrentWorkingDirectory, not " + root);
        }
        return withGiven(folder.resolve(path.getLiteralLexicalForm()));
    }

    /** A table source that says nothing of how to read it: as given for its file, else the defaults. */
    private LogicalSource withGiven(Path table) {
        SourceOptions options = given.apply(table.toAbsolutePath());
        return new LogicalSource(table, new TableOptions(options.delimiter() != null ? options.delimiter() : ',', options.encoding(),
                options.headerRow() != null ? options.headerRow() - 1 : 0));
    }

    /**
     * The supported part of a CSVW dialect: delimiter, encoding, skipRows (and header true); what it leaves out as
     * {@code given} says, else the defaults.
     */
    private TableOptions dialect(Node dialect, String name, SourceOptions given) {
        String where = "the csvw:dialect of the source of " + name;
        for (Triple t : graph.find(dialect, Node.ANY, Node.ANY).toList()) {
            Node p = t.getPredicate();
            if (!p.equals(RDF.type.asNode()) && !p.equals(Csvw.delimiter) && !p.equals(Csvw.encoding)
                    && !p.equals(Csvw.skipRows) && !p.equals(Csvw.header)) {
                throw new MappingException(where + ": " + shortName(p)
                        + " is not supported (supported: csvw:delimiter, csvw:encoding, csvw:skipRows, csvw:header true)");
            }
        }
        char delimiter = given.delimiter() != null ? given.delimiter() : ',';
        Node d = single(dialect, Csvw.delimiter, "csvw:delimiter of " + where, false);
        if (d != null) {
            String text = d.isLiteral() ? d.getLiteralLexicalForm() : "";
            if (text.length() != 1) {
                throw new MappingException(where + ": csvw:delimiter must be one character, not " + d);
            }
            delimiter = text.charAt(0);
        }
        java.nio.charset.Charset encoding = given.encoding();
        Node e = single(dialect, Csvw.encoding, "csvw:encoding of " + where, false);
        if (e != null) {
            try {
                encoding = java.nio.charset.Charset.forName(e.getLiteralLexicalForm());
            } catch (RuntimeException bad) {
                throw new MappingException(where + ": unknown csvw:encoding " + e);
            }
        }
        int skip = given.headerRow() != null ? given.headerRow() - 1 : 0;
        Node k = single(dialect, Csvw.skipRows, "csvw:skipRows of " + where, false);
        if (k != null) {
            try {
                skip = Integer.parseInt(k.getLiteralLexicalForm());
            } catch (RuntimeException bad) {
                skip = -1;
            }
            if (skip < 0) {
                throw new MappingException(where + ": csvw:skipRows must be a whole number >= 0, not " + k);
            }
        }
        Node h = single(dialect, Csvw.header, "csvw:header of " + where, false);
        if (h != null && !(h.isLiteral() && ("true".equals(h.getLiteralLexicalForm()) || "1".equals(h.getLiteralLexicalForm())))) {
            throw new MappingException(where + ": only csvw:header true is supported (the first row read names the columns)");
        }
        try {
            return new TableOptions(delimiter, encoding, skip);
        } catch (IllegalArgumentException bad) {
            throw new MappingException(where + ": " + bad.getMessage());
        }
    }

    private Node single(Node s, Node p, String what, boolean required) {
        return mapping.single(s, p, what, required);
    }

    private String shortName(Node n) {
        return mapping.shortName(n);
    }
}
