package mx.zocalo.converter.auto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.converter.source.TableReader;

/** The <a href="https://www.w3.org/TR/tabular-metadata/">CSVW metadata</a> of an {@link AutoMapping}. */
final class CsvwMetadata {
    private CsvwMetadata() {}

    /**
     * The header, or with the publisher's labels a language map: the Spanish label first, then the header (CSVW matches
     * a column by any of its titles), and the English label.
     */
    private static Object titles(ColumnProfile c) {
        if (c.override() == null || c.override().labelEs() == null && c.override().labelEn() == null) {
            return c.title();
        }
        Map<String, Object> titles = new LinkedHashMap<>();
        List<String> es = new ArrayList<>();
        es.add(c.labelEs());
        if (!c.title().equals(c.labelEs())) {
            es.add(c.title());
        }
        titles.put("es", es.size() == 1 ? es.get(0) : es);
        if (c.labelEn() != null) {
            titles.put("en", c.labelEn());
        }
        return titles;
    }

    /** See {@link AutoMapping#writeCsvw}. */
    static void write(AutoMapping m, OutputStream out, String url) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@context", List.of("http://www.w3.org/ns/csvw", Map.of("@language", "es")));
        json.put("url", url);
        json.put("dc:title", m.description());
        json.put("dialect", dialect(m));
        Map<String, Object> schema = new LinkedHashMap<>();
        List<Object> cols = new ArrayList<>();
        for (ColumnProfile c : m.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("titles", titles(c));
            col.put("datatype", datatype(c));
            col.put("propertyUrl", m.propertyIri(c));
            if (!c.markers().isEmpty()) {
                List<String> nulls = new ArrayList<>();
                nulls.add("");
                nulls.addAll(c.markers());
                col.put("null", nulls);
            }
            if (c.missing() == 0) {
                col.put("required", true);
            }
            cols.add(col);
        }
        Map<String, Object> typeColumn = new LinkedHashMap<>();
        typeColumn.put("name", "_type");
        typeColumn.put("virtual", true);
        typeColumn.put("propertyUrl", "rdf:type");
        typeColumn.put("valueUrl", m.classIri());
        cols.add(typeColumn);
        cols.add(labelColumn(m.label()));
        schema.put("columns", cols);
        ColumnProfile id = m.idColumn();
        schema.put("aboutUrl", m.rowPrefix() + (id == null ? "row/{_row}" : "{" + id.name() + "}"));
        if (id != null) {
            schema.put("primaryKey", id.name());
        }
        json.put("tableSchema", schema);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(out, json);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> dialect(AutoMapping m) {
        TableOptions options = m.options();
        TableReader.HeaderLayout layout = m.headerLayout();
        Map<String, Object> dialect = new LinkedHashMap<>();
        if (options.encoding() != null) {
            dialect.put("encoding", options.encoding().name());
        }
        String n = m.table().getFileName().toString().toLowerCase(Locale.ROOT);
        boolean workbook = n.endsWith(".xlsx") || n.endsWith(".xls");
        if (!options.sniffDelimiter() && !workbook) {
            dialect.put("delimiter", String.valueOf(options.delimiter()));
        }
        if (layout.skipRows() > 0) {
            dialect.put("skipRows", layout.skipRows());
        }
        dialect.put("headerRowCount", layout.headerRowCount());
        if (layout.headerRowCount() == 0) {
            dialect.put("header", false);
        }
        return dialect;
    }

    /**
     * A virtual column for the rows' {@code rdfs:label}. CSVW has URI templates but no template for a literal, so a
     * CSVW processor gives this column no value; its {@code dc:description} says how the converter writes the label
     * (column names in braces, as in {@code aboutUrl}).
     */
    private static Map<String, Object> labelColumn(RowLabel label) {
        Map<String, Object> col = new LinkedHashMap<>();
        col.put("name", "_label");
        col.put("titles", "etiqueta");
        col.put("virtual", true);
        col.put("propertyUrl", "rdfs:label");
        col.put("lang", RowLabel.LANGUAGE);
        String template = label.template(c -> "{" + c.name() + "}", "{_row}");
        String description = label.byRowNumber()
                ? "Each row is labelled \"" + template + "\"@es and \"Row {_row}\"@en ({_row}: the data row number)."
                : "Each row is labelled \"" + template + "\"@es, the values of these columns as written; a row with"
                        + " an empty cell among them has no label. " + Character.toUpperCase(label.why().charAt(0))
                        + label.why().substring(1) + ".";
        col.put("dc:description", Map.of("@value", description, "@language", "en")); // the context's language is es
        return col;
    }

    private static Object datatype(ColumnProfile c) {
        ColumnType t = c.type();
        if ((t == ColumnType.INTEGER || t == ColumnType.DECIMAL) && c.style() == Values.Style.COMMA_DECIMAL) {
            return Map.of("base", t.csvwName(), "format", Map.of("decimalChar", ",", "groupChar", "."));
        }
        if ((t == ColumnType.INTEGER || t == ColumnType.DECIMAL) && c.grouped()) {
            return Map.of("base", t.csvwName(), "format", Map.of("groupChar", ","));
        }
        if (t == ColumnType.DATE && c.dayMonthYear()) {
            return Map.of("base", "date", "format", "dd/MM/yyyy");
        }
        return t.csvwName();
    }
}
