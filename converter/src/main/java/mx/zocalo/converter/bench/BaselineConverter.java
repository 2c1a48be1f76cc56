package mx.zocalo.converter.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The benchmark's yardstick: the same triples as {@code zocalo/bench/victimas.rml.ttl}, written as N-Triples
 * by hand — Commons CSV, string building, no mapping engine. Follows the mapping's rules: an empty cell
 * gives no triple, an empty cell in the subject template gives no subject (and so nothing for the row),
 * template values percent-encoded as RML requires.
 */
public final class BaselineConverter {
    private static final String ID = "https://datos.example.mx/id/";
    private static final String EX = "<https://datos.example.mx/def/victimas#";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final String TYPE_REGISTRO = " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " + EX + "Registro> .\n";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private BaselineConverter() {}

    /** Rows read and triples written. */
    public record Counts(long rows, long triples) {}

    /** Converts {@code csv} (gzipped if its name ends with {@code .gz}) to N-Triples on {@code out}. */
    public static Counts run(Path csv, OutputStream out) throws IOException {
        try (InputStream in = BenchFiles.open(csv);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(reader)
                        .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get())
                        .get()) {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            int fecha = parser.getHeaderMap().get("date_year_month");
            int anio = parser.getHeaderMap().get("n_year");
            int ent = parser.getHeaderMap().get("cve_ent");
            int tipo = parser.getHeaderMap().get("tipo_de_delito");
            int subtipo = parser.getHeaderMap().get("subtipo_de_delito");
            int modalidad = parser.getHeaderMap().get("modalidad");
            int genero = parser.getHeaderMap().get("genero");
            int rango = parser.getHeaderMap().get("rango_de_edad");
            int victimas = parser.getHeaderMap().get("n_victimas");
            long rows = 0;
            long triples = 0;
            StringBuilder sb = new StringBuilder(2048);
            for (CSVRecord r : parser) {
                rows++;
                String vEnt = value(r, ent);
                String vFecha = value(r, fecha);
                String vSubtipo = value(r, subtipo);
                String vModalidad = value(r, modalidad);
                String vGenero = value(r, genero);
                String vRango = value(r, rango);
                if (vEnt == null || vFecha == null || vSubtipo == null || vModalidad == null || vGenero == null || vRango == null) {
                    continue;
                }
                sb.setLength(0);
                sb.append('<').append(ID).append("victimas/");
                encode(sb, vEnt).append('/');
                encode(sb, vFecha).append('/');
                encode(sb, vSubtipo).append('/');
                encode(sb, vModalidad).append('/');
                encode(sb, vGenero).append('/');
                encode(sb, vRango).append('>');
                String s = sb.toString();
                sb.setLength(0);
                sb.append(s).append(TYPE_REGISTRO);
                triples++;
                triples += typed(sb, s, "fecha", vFecha, "date");
                triples += typed(sb, s, "anio", value(r, anio), "gYear");
                sb.append(s).append(' ').append(EX).append("entidad> <").append(ID).append("entidad/");
                encode(sb, vEnt).append("> .\n");
                triples++;
                triples += lang(sb, s, "tipoDelito", value(r, tipo));
                triples += lang(sb, s, "subtipoDelito", vSubtipo);
                triples += lang(sb, s, "modalidad", vModalidad);
                triples += plain(sb, s, "genero", vGenero);
                triples += plain(sb, s, "rangoEdad", vRango);
                triples += typed(sb, s, "victimas", value(r, victimas), "integer");
                w.append(sb);
            }
            w.flush();
            return new Counts(rows, triples);
        }
    }

    private static String value(CSVRecord r, int i) {
        String v = i < r.size() ? r.get(i) : null;
        return v == null || v.isEmpty() ? null : v;
    }

    private static int typed(StringBuilder sb, String s, String p, String v, String datatype) {
        if (v == null) {
            return 0;
        }
        literal(sb.append(s).append(' ').append(EX).append(p).append("> "), v).append("^^<").append(XSD).append(datatype).append("> .\n");
        return 1;
    }

    private static int lang(StringBuilder sb, String s, String p, String v) {
        if (v == null) {
            return 0;
        }
        literal(sb.append(s).append(' ').append(EX).append(p).append("> "), v).append("@es .\n");
        return 1;
    }

    private static int plain(StringBuilder sb, String s, String p, String v) {
        if (v == null) {
            return 0;
        }
        literal(sb.append(s).append(' ').append(EX).append(p).append("> "), v).append(" .\n");
        return 1;
    }

    private static StringBuilder literal(StringBuilder sb, String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"');
    }

    /** RML template percent-encoding: iunreserved characters stay, the rest become %HH of their UTF-8 bytes. */
    static StringBuilder encode(StringBuilder sb, String v) {
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            i += Character.charCount(cp);
            if (unreserved(cp)) {
                sb.appendCodePoint(cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        }
        return sb;
    }

    private static boolean unreserved(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9'
                    || cp == '-' || cp == '.' || cp == '_' || cp == '~';
        }
        if (cp < 0x10000) {
            return cp >= 0xA0 && cp <= 0xD7FF || cp >= 0xF900 && cp <= 0xFDCF || cp >= 0xFDF0 && cp <= 0xFFEF;
        }
        return (cp & 0xFFFF) <= 0xFFFD && cp < 0xF0000 && !(cp >= 0xE0000 && cp < 0xE1000);
    }
}
