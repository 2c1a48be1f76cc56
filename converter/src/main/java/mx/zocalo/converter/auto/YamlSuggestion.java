package mx.zocalo.converter.auto;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;

/** Writes an {@link AutoMapping} as a YAML mapping in the YARRRML subset the converter compiles. */
final class YamlSuggestion {
    private YamlSuggestion() {}

    /** What a column's values are, seen from a mapping that takes them as written. */
    private static final class Fit {
        boolean invalid;      // some value is not a valid lexical form of the datatype: mapped as text in the YAML
        String invalidExample;
        boolean notCanonical; // valid, but --auto writes it differently (17 → 17.0)
        String notCanonicalExample;
    }

    static void write(AutoMapping m, PrintWriter out, String source) {
        List<ColumnProfile> columns = m.columns();
        Fit[] fits = fits(m);
        String v = "def/" + m.slug() + "#";
        String file = m.table().getFileName().toString();
        out.println("# Mapping suggested by \"zocalo mapping suggest\" for " + m.description() + " ("
                + String.format(Locale.ROOT, "%,d", m.rows()) + " rows, " + columns.size() + " columns).");
        out.println("# Edit it, then: zocalo convert --mapping THIS_FILE.yml --base " + (m.base() == null ? "https://datos.example.mx/" : m.base()));
        out.println("# It gives the same graph as \"zocalo convert --auto " + file + "\" except where a comment below says otherwise.");
        out.println("# Relative IRIs (id/..., def/...) resolve against the base IRI.");
        List<String> limits = new ArrayList<>();
        List<String> layout = new ArrayList<>(); // the source's keys that say how the table is read, as --auto read it
        TableReader.HeaderLayout header = m.headerLayout();
        if (header.headerRowCount() == 1 && header.skipRows() > 0) {
            layout.add("headerRow: " + (header.skipRows() + 1));
        } else if (header.headerRowCount() != 1) {
            limits.add(header.headerRowCount() == 0 ? "the table has no header row: a mapping reads its first row as the header"
                    : "the header is two rows joined into one name per column: a mapping reads one header row");
        }
        if (m.options().sheet() != null) {
            layout.add("sheet: " + quote(m.options().sheet()));
        }
        if (m.options().allSheets()) {
            limits.add("a mapping reads one sheet of a workbook, not all of them as one table");
        }
        if (m.options().encoding() != null) {
            layout.add("encoding: " + quote(m.options().encoding().name()));
        }
        if (!m.options().sniffDelimiter() && m.options().delimiter() != ',') {
            layout.add("delimiter: " + quote(String.valueOf(m.options().delimiter())));
        }
        if (m.points() != null) {
            limits.add("the points --auto writes from " + m.points().describe() + " (wgs84:lat, wgs84:long, geo:hasGeometry"
                    + " with a WKT point): YAML mappings call no functions; an RML mapping can, with zf:latitude,"
                    + " zf:longitude and zf:wktPoint (see the converter's README)");
        }
        for (String l : limits) {
            out.println("# Not expressed here: " + l + ".");
        }
        if (m.base() != null) {
            out.println("base: " + quote(m.base()));
        }
        out.println("sources:");
        if (layout.isEmpty()) {
            out.println("  table: [" + quote(source + "~csv") + "]");
        } else {
            out.println("  table:");
            out.println("    access: " + quote(source));
            out.println("    referenceFormulation: csv");
            for (String key : layout) {
                out.println("    " + key);
            }
        }
        out.println("mappings:");
        out.println("  rows:");
        out.println("    sources: table");
        if (m.idColumn() == null) {
            out.println("    # _row is the data row number (1, 2, ...), as in CSVW URI templates");
            out.println("    s: " + quote("id/" + m.slug() + "/row/$(_row)"));
        } else {
            out.println("    s: " + quote("id/" + m.slug() + "/$(" + m.idColumn().title() + ")"));
        }
        out.println("    po:");
        out.println("      - [a, " + quote(v + AutoMapping.CLASS_NAME) + "]");
        RowLabel label = m.label();
        out.println("      # the label of each row: " + label.why());
        out.println("      - [rdfs:label, " + quote(label.template(c -> "$(" + c.title() + ")", "$(_row)")) + ", "
                + RowLabel.LANGUAGE + "~lang]");
        if (label.byRowNumber()) {
            out.println("      - [rdfs:label, " + quote("Row $(_row)") + ", en~lang]");
        }
        for (ColumnProfile c : columns) {
            String p = quote(v + c.name());
            if (c.title().contains(")") || c.title().contains("$(")) {
                out.println("      # column " + quote(c.title()) + " cannot be referenced in this YAML form (a parenthesis in its name);"
                        + " rename it in the table or use RML");
                continue;
            }
            String ref = quote("$(" + c.title() + ")");
            Fit f = fits[c.index()];
            if (!c.markers().isEmpty()) {
                out.println("      # " + quote(c.title()) + ": missing-value markers " + String.join(", ", c.markers().stream().map(YamlSuggestion::quote).toList())
                        + " give no triple with --auto; here they are text");
            }
            if (c.type() == ColumnType.STRING) {
                out.println("      - [" + p + ", " + ref + "]");
            } else if (f.invalid || !c.markers().isEmpty()) {
                if (f.invalid) {
                    out.println("      # " + quote(c.title()) + " is " + c.type().csvwName() + " for --auto, which writes values such as "
                            + quote(f.invalidExample) + " in canonical form; this YAML form cannot, so they stay text");
                }
                out.println("      - [" + p + ", " + ref + "]");
            } else {
                if (f.notCanonical) {
                    out.println("      # " + quote(c.title()) + ": --auto writes values such as " + quote(f.notCanonicalExample)
                            + " in canonical form; here they stay as written (same value, another literal)");
                }
                out.println("      - [" + p + ", " + ref + ", xsd:" + c.type().csvwName() + "]");
            }
        }
        out.println("  # The class and the properties, described once (a mapping whose terms are all constant gives its triples once)");
        out.println("  class:");
        out.println("    sources: table");
        out.println("    s: " + quote(v + AutoMapping.CLASS_NAME));
        out.println("    po:");
        out.println("      - [a, rdfs:Class]");
        out.println("      - [rdfs:label, " + quote(AutoMapping.CLASS_NAME) + ", es~lang]");
        for (ColumnProfile c : columns) {
            String name = c.name();
            out.println("  p_" + name + ":");
            out.println("    sources: table");
            out.println("    s: " + quote(v + name));
            out.println("    po:");
            out.println("      - [a, rdf:Property]");
            if (!c.title().isBlank()) {
                out.println("      - [rdfs:label, " + quote(c.title()) + ", es~lang]");
            }
            out.println("      - [rdfs:range, " + quote("xsd:" + c.type().csvwName() + "~iri") + "]");
        }
        out.flush();
    }

    /** One more pass: which typed columns have values that are not valid, or not canonical, as written. */
    private static Fit[] fits(AutoMapping m) {
        List<ColumnProfile> columns = m.columns();
        Fit[] fits = new Fit[m.headerSize()];
        for (int i = 0; i < fits.length; i++) {
            fits[i] = new Fit();
        }
        try (TableReader reader = TableSources.open(m.table(), m.options())) {
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                for (ColumnProfile c : columns) {
                    if (c.type() == ColumnType.STRING) {
                        continue;
                    }
                    String raw = row.value(c.index());
                    if (Values.isMissing(raw)) {
                        continue;
                    }
                    Fit f = fits[c.index()];
                    if (f.invalid) {
                        continue;
                    }
                    if (!c.type().xsd().isValid(raw) || !raw.equals(raw.strip())) {
                        f.invalid = true;
                        f.invalidExample = raw;
                    } else if (!f.notCanonical && !raw.equals(c.canonical(raw))) {
                        f.notCanonical = true;
                        f.notCanonicalExample = raw;
                    }
                }
            }
        } catch (TableSourceException e) {
            throw new ConversionException(e.getMessage(), m.table().getFileName().toString(), -1, null, "automatic mapping", e);
        }
        return fits;
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
