package mx.zocalo.server.publish;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.SourceOptions;
import mx.zocalo.converter.auto.AutoMapping;
import mx.zocalo.converter.auto.ColumnOverride;
import mx.zocalo.converter.auto.ColumnProfile;
import mx.zocalo.converter.auto.ColumnType;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Quad;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.eventusermodel.XSSFReader;

/**
 * What the portal read in an upload, from the converter's own inference ({@link AutoMapping}, as
 * {@code zocalo convert --auto FILE --explain}): how it was read (encoding and delimiter, or the sheet among the sheets),
 * the rows above the header, the layout notes (titles, footnotes), each column with its inferred datatype, the first rows
 * and the first records as Turtle; with a mapping, the mapping's first records and its row errors (row and column).
 * A file that cannot be read gives a preview with its {@link Model#error()}.
 */
public final class UploadPreview {
    /** Rows of the table shown. */
    public static final int ROWS = 8;
    /** Triples of the first records shown. */
    public static final int TRIPLES = 60;
    /** Row errors of a mapping listed. */
    public static final int ERRORS = 20;

    /** How to read the table, as the publisher corrected it (nulls: as found). */
    public record Corrections(Integer headerRow, String sheet, String idColumn, Map<String, ColumnOverride> columns) {
        public static final Corrections NONE = new Corrections(null, null, null);

        public Corrections {
            columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        }

        public Corrections(Integer headerRow, String sheet, String idColumn) {
            this(headerRow, sheet, idColumn, Map.of());
        }

        public SourceOptions options() {
            return new SourceOptions(headerRow, sheet, null, null);
        }
    }

    public record Column(int index, String title, String name, String type, long values, long missing, List<String> examples,
            boolean unique, boolean id, String inferredType, String labelEs, String labelEn) {}

    /** The datatypes a column may be given (CSVW names). */
    public static final List<String> TYPES = ColumnType.names();

    /** {@code source.columns} as JSON text ("" for none): each column → {type, label: {es, en}}. */
    public static String columnsJson(Map<String, ColumnOverride> columns) {
        if (columns.isEmpty()) return "";
        ObjectNode o = DatasetYaml.JSON.createObjectNode();
        columns.forEach((k, v) -> {
            ObjectNode c = o.putObject(k);
            if (v.type() != null) c.put("type", v.type().csvwName());
            if (v.labelEs() != null || v.labelEn() != null) {
                ObjectNode l = c.putObject("label");
                if (v.labelEs() != null) l.put("es", v.labelEs());
                if (v.labelEn() != null) l.put("en", v.labelEn());
            }
        });
        return o.toString();
    }

    /** The reverse of {@link #columnsJson}; unreadable or unknown parts are left out. */
    public static Map<String, ColumnOverride> parseColumns(String json) {
        Map<String, ColumnOverride> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) return out;
        try {
            DatasetYaml.JSON.readTree(json).fields().forEachRemaining(e -> {
                JsonNode c = e.getValue();
                ColumnType t = ColumnType.of(c.path("type").asText(""));
                out.put(e.getKey(), new ColumnOverride(t, c.path("label").path("es").asText(null), c.path("label").path("en").asText(null)));
            });
        } catch (java.io.IOException e) {
            // none
        }
        return out;
    }

    private static List<String> notes(AutoMapping m, String columnProblem) {
        if (columnProblem == null) return m.layoutNotes();
        List<String> out = new ArrayList<>(m.layoutNotes());
        out.add(0, columnProblem);
        return out;
    }

    /** The corrections that change something: a type other than the inferred one, a label other than the header. */
    static Map<String, ColumnOverride> effective(AutoMapping m) {
        Map<String, ColumnOverride> out = new LinkedHashMap<>();
        for (ColumnProfile c : m.columns()) {
            ColumnOverride o = c.override();
            if (o == null) continue;
            ColumnType t = o.type() != null && o.type() != c.inferredType() ? o.type() : null;
            String es = o.labelEs() != null && !o.labelEs().equals(c.title()) ? o.labelEs() : null;
            if (t != null || es != null || o.labelEn() != null) out.put(c.title(), new ColumnOverride(t, es, o.labelEn()));
        }
        return out;
    }

    public record RowError(long row, String column, String message) {}

    /** A mapping's first records (Turtle), its row errors, or the error that stopped it. */
    public record MappingPreview(String name, String turtle, long rows, List<RowError> rowErrors, String error) {}

    public record Model(String file, String kind, long bytes, String readAs, List<String> sheets, String sheet,
            long headerRow, List<String> notes, List<Column> columns, List<List<String>> rows, long rowCount,
            String rowTemplate, String label, String turtle, MappingPreview mapping, String error, String columnsJson) {
        public boolean ok() {
            return error == null;
        }
    }

    private final String base;

    public UploadPreview(String base) {
        this.base = base;
    }

    /** The preview of {@code staged}, read with {@code corrections}, and of {@code mapping} when not null. */
    public Model of(Upload.Staged staged, Corrections corrections, Path mapping, String slug) {
        Path file = staged.file();
        String name = file.getFileName().toString();
        List<String> sheets = sheets(staged);
        TableOptions options = corrections.options().applyTo(TableOptions.AUTO);
        String s = slug == null || slug.isBlank() ? "vista-previa" : slug;
        try {
            String columnProblem = null;
            AutoMapping m;
            try {
                m = AutoMapping.infer(file, options, base, s, blank(corrections.idColumn()), corrections.columns());
            } catch (ConversionException e) {
                if (corrections.columns().isEmpty()) throw e;
                // a type that does not fit, or corrections of columns another header row does not have: read as found, say why
                columnProblem = e.getMessage();
                m = AutoMapping.infer(file, options, base, s, blank(corrections.idColumn()));
            }
            String readAs;
            long skip;
            List<List<String>> rows = new ArrayList<>();
            try (TableReader r = TableSources.open(file, options)) {
                readAs = r.readAs();
                skip = r.headerLayout().skipRows();
                for (TableRow row; rows.size() < ROWS && (row = r.next()) != null; ) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.header().size(); i++) cells.add(row.value(i) == null ? "" : row.value(i));
                    rows.add(cells);
                }
            }
            List<Column> columns = new ArrayList<>();
            for (ColumnProfile c : m.columns()) {
                columns.add(new Column(c.index(), c.title(), c.name(), c.type().csvwName(), c.values(), c.missing(), c.examples(),
                        c.unique(), m.idColumn() == c, c.inferredType().csvwName(), c.labelEs(), c.labelEn() == null ? "" : c.labelEn()));
            }
            String turtle = firstRecords(m);
            MappingPreview mp = mapping == null ? null : mapping(mapping, file, corrections);
            return new Model(name, staged.kind().name(), staged.bytes(), readAs, sheets, corrections.sheet(),
                    corrections.headerRow() != null ? corrections.headerRow() : skip + 1, notes(m, columnProblem), columns, rows, m.rows(),
                    m.subjectTemplate(), m.label().example(), turtle, mp, null, columnsJson(effective(m)));
        } catch (ConversionException | TableSourceException | IllegalArgumentException e) {
            return new Model(name, staged.kind().name(), staged.bytes(), null, sheets, corrections.sheet(), -1, List.of(), List.of(),
                    List.of(), 0, null, null, null, null, e.getMessage(), columnsJson(corrections.columns()));
        }
    }

    private String firstRecords(AutoMapping m) {
        Collected g = new Collected();
        try {
            // the records, not the class and property descriptions that come first
            String rows = base + "id/";
            m.run(new StreamRDFBase() {
                @Override
                public void triple(Triple t) {
                    if (g.size() < TRIPLES && t.getSubject().isURI() && t.getSubject().getURI().startsWith(rows)) g.add(t);
                }
            }, mx.zocalo.converter.ProgressListener.NONE);
        } catch (ConversionException e) {
            // the table read once already; what it gave is shown
        }
        return turtle(g, m.vocabulary());
    }

    /** Runs the mapping over the whole table: its first triples, and its first row errors. */
    private MappingPreview mapping(Path mapping, Path table, Corrections corrections) {
        String name = mapping.getFileName().toString();
        Collected g = new Collected();
        List<RowError> errors = new ArrayList<>();
        long[] rows = {0};
        try {
            var result = Conversion.builder().mapping(mapping).base(base).threads(1)
                    .sourceOptions(table, corrections.options())
                    .rowErrors(e -> {
                        if (errors.size() < ERRORS) errors.add(new RowError(e.row(), e.column(), e.getMessage()));
                    })
                    .build().run(collector(g, TRIPLES, null));
            rows[0] = result.rows();
            return new MappingPreview(name, turtle(g, null), rows[0], errors, null);
        } catch (ConversionException e) {
            if (e.row() > 0) errors.add(new RowError(e.row(), e.column(), e.getMessage()));
            return new MappingPreview(name, turtle(g, null), rows[0], errors, e.getMessage());
        } catch (RuntimeException e) {
            return new MappingPreview(name, turtle(g, null), rows[0], errors, e.getMessage());
        }
    }

    /** The first triples of a conversion, in the order they came, and the prefixes it declared. */
    private static final class Collected {
        final List<Triple> triples = new ArrayList<>();
        final PrefixMapping prefixes = PrefixMapping.Factory.create();

        int size() {
            return triples.size();
        }

        void add(Triple t) {
            triples.add(t);
        }
    }

    /** A sink keeping the first {@code max} triples (of any graph) in {@code g}. */
    private static StreamRDF collector(Collected g, int max, PrefixMapping unused) {
        return new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                if (g.size() < max) g.add(t);
            }

            @Override
            public void quad(Quad q) {
                if (g.size() < max) g.add(q.asTriple());
            }

            @Override
            public void prefix(String prefix, String iri) {
                g.prefixes.setNsPrefix(prefix, iri);
            }
        };
    }

    /** Turtle of the triples in their order (one block per subject as they come), with short names where they fit. */
    private String turtle(Collected g, String vocabulary) {
        PrefixMapping pm = PrefixMapping.Factory.create().setNsPrefixes(PrefixMapping.Standard).setNsPrefixes(g.prefixes);
        if (vocabulary != null) pm.setNsPrefix("def", vocabulary);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        StreamRDF w = org.apache.jena.riot.system.StreamRDFWriter.getWriterStream(out, org.apache.jena.riot.RDFFormat.TURTLE_BLOCKS);
        w.start();
        pm.getNsPrefixMap().forEach(w::prefix);
        g.triples.forEach(w::triple);
        w.finish();
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The sheet names of a workbook (empty for a CSV file, or when they cannot be read). */
    static List<String> sheets(Upload.Staged staged) {
        List<String> names = new ArrayList<>();
        try {
            if (staged.kind() == FileKind.XLSX) {
                try (OPCPackage pkg = OPCPackage.open(staged.file().toFile(), PackageAccess.READ)) {
                    XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
                    while (it.hasNext()) {
                        try (InputStream in = it.next()) {
                            names.add(it.getSheetName());
                        }
                    }
                }
            } else if (staged.kind() == FileKind.XLS) {
                try (POIFSFileSystem fs = new POIFSFileSystem(staged.file().toFile(), true); HSSFWorkbook wb = new HSSFWorkbook(fs)) {
                    for (int i = 0; i < wb.getNumberOfSheets(); i++) names.add(wb.getSheetName(i));
                }
            }
        } catch (Exception e) {
            return List.of();
        }
        return names;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static boolean exists(Path p) {
        return p != null && Files.isRegularFile(p);
    }
}
