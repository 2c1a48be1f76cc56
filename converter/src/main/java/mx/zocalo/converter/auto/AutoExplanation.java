package mx.zocalo.converter.auto;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** An {@link AutoMapping} in words, for {@code convert --auto --explain}. */
final class AutoExplanation {
    private AutoExplanation() {}

    /** See {@link AutoMapping#explain}. */
    static void write(AutoMapping m, PrintWriter out) {
        List<ColumnProfile> columns = m.columns();
        ColumnProfile id = m.idColumn();
        out.printf(Locale.ROOT, "%s: %,d rows, %d columns%n", m.description(), m.rows(), columns.size());
        if (m.base() != null) {
            out.println("base:       <" + m.base() + ">");
        }
        out.println("rows:       <" + m.subjectTemplate() + ">" + (id == null
                ? " (no column is a unique identifier; n is the data row number)"
                : " (identifier column \"" + id.title() + "\": every row has a value and no two are the same)"));
        RowLabel label = m.label();
        out.println("labels:     rdfs:label \"" + label.template(c -> "{" + c.title() + "}", "{n}") + "\"@" + RowLabel.LANGUAGE
                + (label.byRowNumber() ? ", \"Row {n}\"@en" : "") + (label.example() == null ? "" : ", e.g. \"" + label.example() + "\""));
        out.println("            (" + label.why() + ")");
        out.println("class:      <" + m.classIri() + ">");
        out.println("properties: <" + m.vocabulary() + "{property}> (property: as in the table below)");
        for (String note : m.readerNotes()) {
            out.println("layout:     " + note);
        }
        PointColumns.Pair points = m.points();
        if (points != null) {
            out.println("points:     wgs84:lat, wgs84:long (xsd:decimal) and geo:hasGeometry <" + m.subjectTemplate()
                    + AutoConversion.GEOMETRY + "> geo:asWKT \"POINT(longitude latitude)\"^^geo:wktLiteral");
            out.println("            (from " + points.describe() + ": named as coordinates, and at least "
                    + PointColumns.SHARE + "% of their values are coordinates in range)");
            for (String note : points.notes()) {
                out.println("            " + note);
            }
        }
        out.println();
        int w = Math.max(6, columns.stream().mapToInt(c -> c.title().length()).max().orElse(6));
        int wn = Math.max(8, m.names().stream().mapToInt(String::length).max().orElse(8));
        String format = "%-" + w + "s  %-" + wn + "s  %-8s  %9s  %9s  %s%n";
        out.printf(Locale.ROOT, format, "column", "property", "datatype", "values", "missing", "examples");
        for (ColumnProfile c : columns) {
            String examples = String.join(" | ", c.examples());
            if (!c.markers().isEmpty()) {
                examples += "   (missing: " + String.join(", ", c.markers().stream().map(x -> "\"" + x + "\"").toList()) + ")";
            }
            out.printf(Locale.ROOT, format, c.title(), c.name(), c.type().csvwName(),
                    String.format(Locale.ROOT, "%,d", c.values()), String.format(Locale.ROOT, "%,d", c.missing()), examples);
        }
        out.flush();
    }
}
