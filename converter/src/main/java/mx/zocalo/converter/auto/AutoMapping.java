package mx.zocalo.converter.auto;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.ProgressListener;
import mx.zocalo.converter.RowResourceListener;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.riot.system.StreamRDF;

/**
 * A mapping inferred from a table that has none. {@link #infer} reads the table once and profiles every column over
 * all rows (datatype, missing values, uniqueness); {@link #run} reads it a second time and writes:
 *
 * <ul>
 *   <li>one resource per data row: {@code {base}id/{slug}/{value}} from an identifier column, else
 *       {@code {base}id/{slug}/row/{n}} (n = data row number, from 1), of class {@code {base}def/{slug}#Registro};</li>
 *   <li>one property per column, {@code {base}def/{slug}#{name}} (name: the header in lower-case ASCII), with the value
 *       in the canonical form of the column's datatype; a missing value ({@code NA}, {@code n. d.}, {@code -}, empty…)
 *       gives no triple;</li>
 *   <li>a label per row, {@code rdfs:label} in Spanish, from the columns that read as names ({@link RowLabel});</li>
 *   <li>before the rows, in the same graph: the class ({@code a rdfs:Class}, {@code rdfs:label "Registro"@es}) and each
 *       property ({@code a rdf:Property}, its header as {@code rdfs:label} in Spanish, {@code rdfs:range} its datatype).</li>
 * </ul>
 *
 * The same mapping is described as CSVW metadata ({@link #writeCsvw}), explained in words ({@link #explain}) and as an
 * editable YAML mapping ({@link #writeYaml}). The table is streamed both times, never held (but for a sample of
 * {@value LabelChoice#SAMPLE} rows that chooses the label). The conversion is {@link AutoConversion}'s.
 */
public final class AutoMapping {
    /** Local name of the class of the rows. */
    public static final String CLASS_NAME = "Registro";
    private static final Pattern ID_NAME = Pattern.compile(
            "(id|clave|cve|codigo|folio|key)|(id|cve|clave|codigo)_.*|.*_(id|cve|clave)");

    private final Path table;
    private final TableOptions options;
    private final String base;
    private final String slug;
    private final String description;
    private final List<ColumnProfile> columns;
    private final List<String> names;
    private final long rows;
    private final int headerSize;
    private final ColumnProfile id;
    private final TableReader.HeaderLayout headerLayout;
    private final List<String> layoutNotes;
    private final RowLabel label;
    private final PointColumns.Pair points;

    private AutoMapping(Path table, TableOptions options, String base, String slug, String description,
            List<ColumnProfile> columns, int headerSize, long rows, ColumnProfile id, TableReader.HeaderLayout headerLayout,
            List<String> layoutNotes, LabelChoice labels, PointColumns.Pair points) {
        this.points = points;
        this.headerLayout = headerLayout;
        this.layoutNotes = List.copyOf(layoutNotes);
        this.table = table;
        this.options = options;
        this.base = base;
        this.slug = slug;
        this.description = description;
        this.columns = List.copyOf(columns);
        this.names = localNames(columns.stream().map(ColumnProfile::title).toList());
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).name(names.get(i));
        }
        this.rows = rows;
        this.headerSize = headerSize;
        this.id = id;
        this.label = labels.choose(this.columns, names, id, rows);
    }

    /**
     * Reads {@code table} once and infers its mapping.
     *
     * @param base     the base IRI, absolute; null for {@code {base}} left to the reader (explain, suggest without base)
     * @param slug     the dataset's slug in the IRIs; null: from the file name
     * @param idColumn the column whose values name the rows (header as written, or its property name); null: chosen
     *                 when one clearly is an identifier, else row numbers
     * @throws ConversionException when the table cannot be read, or {@code idColumn} is unknown or not unique
     * @throws IllegalArgumentException when the base IRI is not absolute or the slug not a slug
     */
    public static AutoMapping infer(Path table, TableOptions options, String base, String slug, String idColumn) {
        return infer(table, options, base, slug, idColumn, Map.of());
    }

    /**
     * As {@link #infer(Path, TableOptions, String, String, String)}, with the publisher's corrections of some columns
     * (by header as written, or property name): the datatype replaces the inferred one, the labels become the column's
     * titles and the property's {@code rdfs:label}s.
     *
     * @throws ConversionException also when a corrected column is not in the table, or a value does not fit the chosen
     *                             datatype (the first such value, with its row and column)
     */
    public static AutoMapping infer(Path table, TableOptions options, String base, String slug, String idColumn,
            Map<String, ColumnOverride> overrides) {
        String file = table.getFileName().toString();
        if (base != null) {
            try {
                if (!IRIx.create(base).isAbsolute()) {
                    throw new IllegalArgumentException("the base IRI must be absolute (with a scheme such as https:), not <" + base + ">");
                }
            } catch (IRIException e) {
                throw new IllegalArgumentException("the base IRI <" + base + "> is not a valid IRI: " + e.getMessage());
            }
        }
        String s = slug != null ? slug : slugOf(file);
        if (!s.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("the slug \"" + s + "\" must be letters, digits, - and _ (such as cuenta-publica)");
        }
        List<ColumnProfile> columns = new ArrayList<>();
        long rows = 0;
        String description;
        TableReader.HeaderLayout layout;
        List<String> notes;
        LabelChoice labels = new LabelChoice();
        PointColumns pointColumns;
        try (TableReader reader = TableSources.open(table, options)) {
            description = reader.description();
            List<String> header = reader.header();
            for (int i = 0; i < header.size(); i++) {
                columns.add(new ColumnProfile(header.get(i) == null ? "" : header.get(i), i));
            }
            pointColumns = new PointColumns(columns, localNames(columns.stream().map(ColumnProfile::title).toList()));
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                rows++;
                for (ColumnProfile c : columns) {
                    c.add(row.value(c.index()));
                }
                labels.add(row);
                pointColumns.add(row);
            }
            layout = reader.headerLayout();
            notes = reader.layoutNotes();
        } catch (TableSourceException e) {
            throw new ConversionException(e.getMessage(), file, -1, null, "automatic mapping", e);
        }
        int headerSize = columns.size();
        columns.removeIf(c -> c.title().isBlank() && c.values() == 0); // empty spreadsheet columns
        List<String> names = localNames(columns.stream().map(ColumnProfile::title).toList());
        ColumnOverrides.apply(file, description, columns, names, overrides == null ? Map.of() : overrides);
        ColumnProfile id = null;
        if (idColumn != null) {
            for (int i = 0; i < columns.size() && id == null; i++) {
                if (columns.get(i).title().equals(idColumn) || names.get(i).equals(idColumn)) {
                    id = columns.get(i);
                }
            }
            if (id == null) {
                throw new ConversionException(description + ": no column \"" + idColumn + "\" for the identifier; the columns are: "
                        + String.join(", ", columns.stream().map(c -> "\"" + c.title() + "\"").toList()));
            }
            if (!id.unique()) {
                throw new ConversionException(description + ": column \"" + id.title() + "\" cannot name the rows: "
                        + (id.missing() > 0 ? id.missing() + " rows have no value" : "some values repeat"));
            }
        } else if (rows > 1) {
            id = chooseId(columns, names);
        }
        return new AutoMapping(table, options, base, s, description, columns, headerSize, rows, id, layout, notes, labels,
                pointColumns.choose(file));
    }

    /**
     * An identifier column: unique and never missing, whole numbers or text up to 64 characters; one named like an
     * identifier ({@code id}, {@code clave}, {@code cve_*}, {@code *_id}…) first, else the first column if it is such.
     */
    private static ColumnProfile chooseId(List<ColumnProfile> columns, List<String> names) {
        for (int i = 0; i < columns.size(); i++) {
            if (idLike(columns.get(i)) && ID_NAME.matcher(names.get(i)).matches()) {
                return columns.get(i);
            }
        }
        return !columns.isEmpty() && idLike(columns.get(0)) ? columns.get(0) : null;
    }

    private static boolean idLike(ColumnProfile c) {
        return c.unique() && c.maxLength() <= 64 && (c.type() == ColumnType.INTEGER || c.type() == ColumnType.STRING);
    }

    // ---- names and IRIs

    /** {@code data_total.csv.gz} → {@code data-total}; {@code Año 2014.xlsx} → {@code ano-2014}. */
    public static String slugOf(String fileName) {
        String name = fileName;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".csv.gz", ".gz", ".csv", ".xlsx", ".xls", ".tsv", ".txt"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                name = name.substring(0, name.length() - ext.length());
                break;
            }
        }
        String s = fold(name).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "tabla" : s;
    }

    /** Lower-case ASCII: accents folded ({@code Año} → {@code ano}). */
    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Property names from headers: lower-case ASCII, accents folded, every run of other characters an {@code _}
     * ({@code GC_GASTO_DE_OPERACIÓN} → {@code gc_gasto_de_operacion}, {@code Año} → {@code ano}); {@code columna_N} for
     * a header without letters or digits; a name already taken gets {@code _2}, {@code _3}….
     */
    static List<String> localNames(List<String> headers) {
        List<String> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            String n = fold(headers.get(i)).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
            if (n.isEmpty()) {
                n = "columna_" + (i + 1);
            } else if (Character.isDigit(n.charAt(0))) {
                n = "c" + n; // a local name that is an XML name: RDF/XML cannot write a property ending in #2011
            }
            String unique = n;
            for (int k = 2; !taken.add(unique); k++) {
                unique = n + "_" + k;
            }
            out.add(unique);
        }
        return out;
    }

    private String root() {
        return base == null ? "" : base;
    }

    /** {@code {base}def/{slug}#}: the namespace of the class and the properties. */
    public String vocabulary() {
        return root() + "def/" + slug + "#";
    }

    public String classIri() {
        return vocabulary() + CLASS_NAME;
    }

    public String propertyIri(ColumnProfile column) {
        return vocabulary() + column.name();
    }

    /** The IRI template of the rows, with {@code {n}} for the row number or {@code {column}} for the identifier. */
    public String subjectTemplate() {
        return root() + "id/" + slug + "/" + (id == null ? "row/{n}" : "{" + id.title() + "}");
    }

    public String slug() {
        return slug;
    }

    public long rows() {
        return rows;
    }

    public List<ColumnProfile> columns() {
        return columns;
    }

    /** The property name of each column, in order. */
    public List<String> names() {
        return names;
    }

    /** The label of the rows: which columns give it. */
    public RowLabel label() {
        return label;
    }

    /** The identifier column, or null when rows are named by number. */
    public ColumnProfile idColumn() {
        return id;
    }

    int headerSize() {
        return headerSize;
    }

    public Path table() {
        return table;
    }

    // ---- conversion, explanation, CSVW

    /**
     * Reads the table again and sends the triples to {@code sink} (not started or finished here): prefixes, the class
     * and property descriptions, then each row with its label.
     *
     * @throws ConversionException when the table cannot be read or has changed since {@link #infer}
     */
    public ConversionResult run(StreamRDF sink, ProgressListener progress) {
        return run(sink, progress, 0, RowResourceListener.NONE);
    }

    /**
     * As {@link #run(StreamRDF, ProgressListener)}, and then tells {@code rowResources} the resource of each of the
     * first {@code firstRows} rows.
     */
    public ConversionResult run(StreamRDF sink, ProgressListener progress, int firstRows, RowResourceListener rowResources) {
        if (base == null) {
            throw new ConversionException(table.getFileName() + ": a conversion without a mapping needs a base IRI (--base)");
        }
        return AutoConversion.run(this, sink, progress, firstRows, rowResources);
    }

    /** The class and property descriptions. */
    public List<Triple> schema() {
        return AutoConversion.schema(this);
    }

    /**
     * What the reader made of the table's layout (titles, no header, footnotes), and the coordinates that are not
     * coordinates (their rows get no point), for the publisher to check.
     */
    public List<String> layoutNotes() {
        if (points == null || points.notes().isEmpty()) {
            return layoutNotes;
        }
        List<String> all = new ArrayList<>(layoutNotes);
        all.addAll(points.notes());
        return all;
    }

    /** The layout notes alone. */
    List<String> readerNotes() {
        return layoutNotes;
    }

    /**
     * The latitude and longitude columns that give each row a point ({@code wgs84:lat}, {@code wgs84:long} and a
     * {@code geo:hasGeometry} with a WKT point), or null when the table has none.
     */
    PointColumns.Pair points() {
        return points;
    }

    /** The columns that give each row its WGS84 point: latitude then longitude; empty when none do. */
    public List<ColumnProfile> pointColumns() {
        return points == null ? List.of() : List.of(points.latitude(), points.longitude());
    }

    /** The inferred schema in words: the rows, their labels, then one line per column with its property, datatype, counts and examples. */
    public void explain(PrintWriter out) {
        AutoExplanation.write(this, out);
    }

    /**
     * Writes the table's <a href="https://www.w3.org/TR/tabular-metadata/">CSVW metadata</a> (JSON): the file, the
     * dialect where it is known, and the schema: per column its name, title, datatype (with the number format when it
     * is not the plain one), property and missing-value markers; the row IRIs ({@code aboutUrl}), a virtual column for
     * the class, one for the label (described, as CSVW cannot template a literal), and the primary key when a column
     * names the rows.
     *
     * @param url the table's URL as the metadata should give it (relative to the metadata file, e.g. its file name)
     */
    public void writeCsvw(OutputStream out, String url) {
        CsvwMetadata.write(this, out, url);
    }

    // ---- YAML

    /**
     * Writes this mapping as a YAML mapping (the YARRRML subset {@code convert --mapping} reads). It gives the same
     * graph as {@link #run} except where the subset cannot say what the automatic mapping does; comments in the YAML
     * say where: values that are not already in the canonical form of their datatype ({@code 1,234.5}, {@code sí},
     * {@code 01/03/2014}), missing-value markers other than the empty cell, a two-row header, all sheets read as one. The
     * header row, sheet, encoding and delimiter it was read with are the YAML source's. Reads the table once more.
     *
     * @param source the table's path as the YAML should name it (relative to the YAML file)
     */
    public void writeYaml(PrintWriter out, String source) {
        YamlSuggestion.write(this, out, source);
    }

    TableOptions options() {
        return options;
    }

    /** Where the header was found (given or detected). */
    TableReader.HeaderLayout headerLayout() {
        return headerLayout;
    }

    /** {@code {base}id/{slug}/}: the rows' IRIs start so. */
    String rowPrefix() {
        return root() + "id/" + slug + "/";
    }

    String description() {
        return description;
    }

    String base() {
        return base;
    }
}
