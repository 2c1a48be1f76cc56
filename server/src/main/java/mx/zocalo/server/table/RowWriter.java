package mx.zocalo.server.table;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an answer as JSON (an array of objects), CSV (RFC 4180, a header of column names) or GeoJSON (a
 * FeatureCollection of the rows' points). In all three, a row of resources starts with {@code ":id"}, its IRI.
 * Numbers are numbers; dates are ISO 8601 text ({@code 2014-03-31}, {@code 2014}, {@code 2014-03},
 * {@code 2014-03-31T18:00:00}); a link is {@code {"iri": ..., "label": ...}} in JSON and two CSV columns,
 * {@code name} (the IRI) and {@code name.label}; a multi-valued column is a JSON array, and its values joined by
 * {@value #MULTI_SEPARATOR} in CSV; a missing value is {@code null} in JSON and empty in CSV.
 */
public final class RowWriter {
    /** What separates the values of a multi-valued column in a CSV cell. */
    public static final String MULTI_SEPARATOR = " | ";
    /** The key of the row's IRI, as Socrata names its row identifier. */
    public static final String ID = ":id";
    private static final JsonFactory JSON = new JsonFactory();

    private RowWriter() {}

    public static void json(RowResult r, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartArray();
            for (Row row : r.rows()) writeObject(g, r, row, true);
            g.writeEndArray();
        }
    }

    /** The rows as GeoJSON features: the point as geometry ({@code null} when the row has none), the values as properties. */
    public static void geojson(RowResult r, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Row row : r.rows()) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                if (row.iri() != null) g.writeStringField("id", row.iri());
                g.writeFieldName("geometry");
                if (row.point() == null) {
                    g.writeNull();
                } else {
                    g.writeStartObject();
                    g.writeStringField("type", "Point");
                    g.writeArrayFieldStart("coordinates");
                    g.writeNumber(row.point().longitude());
                    g.writeNumber(row.point().latitude());
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeFieldName("properties");
                writeObject(g, r, row, true);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    public static void csv(RowResult r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        boolean withId = !r.query().grouped() && r.columns().stream().noneMatch(c -> c.name().equals(ID));
        List<String> header = new ArrayList<>();
        if (withId) header.add(ID);
        for (ResultColumn c : r.columns()) {
            header.add(c.name());
            if (labelled(c)) header.add(c.name() + ".label");
        }
        // not closed: that would close the caller's stream
        CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
        {
            for (Row row : r.rows()) {
                List<String> cells = new ArrayList<>(header.size());
                if (withId) cells.add(row.iri());
                for (int i = 0; i < r.columns().size(); i++) {
                    ResultColumn c = r.columns().get(i);
                    Object v = row.values().get(i);
                    if (v instanceof List<?> list) {
                        List<String> parts = new ArrayList<>();
                        List<String> labels = new ArrayList<>();
                        for (Object o : list) {
                            parts.add(text(o));
                            if (o instanceof Link l && l.label() != null) labels.add(l.label());
                        }
                        cells.add(String.join(MULTI_SEPARATOR, parts));
                        if (labelled(c)) cells.add(String.join(MULTI_SEPARATOR, labels));
                    } else {
                        cells.add(v == null ? "" : text(v));
                        if (labelled(c)) cells.add(v instanceof Link l && l.label() != null ? l.label() : "");
                    }
                }
                p.printRecord(cells);
            }
        }
        p.flush();
    }

    private static boolean labelled(ResultColumn c) {
        return c.type() == ColumnType.LINK && c.column() != null && c.column().hasLabel();
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    private static void writeObject(JsonGenerator g, RowResult r, Row row, boolean withId) throws IOException {
        g.writeStartObject();
        if (withId && row.iri() != null && r.columns().stream().noneMatch(c -> c.name().equals(ID))) g.writeStringField(ID, row.iri());
        for (int i = 0; i < r.columns().size(); i++) {
            g.writeFieldName(r.columns().get(i).name());
            write(g, row.values().get(i));
        }
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) g.writeNull();
            else g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Link l) {
            g.writeStartObject();
            g.writeStringField("iri", l.iri());
            if (l.label() != null) g.writeStringField("label", l.label());
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) write(g, o);
            g.writeEndArray();
        } else {
            g.writeString(text(v));
        }
    }

    /** A value as text: numbers as written by Java (plain decimals), dates in ISO 8601, a link as its IRI. */
    static String text(Object v) {
        if (v == null) return "";
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof Link l) return l.iri();
        if (v instanceof LocalDateTime t) return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        if (v instanceof OffsetDateTime t) return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        if (v instanceof TemporalAccessor t) return t.toString();
        return v.toString();
    }
}
