package mx.zocalo.converter.rml;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;

/**
 * Writes quads as N-Quads or N-Triples lines (RDF 1.1), one statement per line, straight into UTF-8 bytes.
 * IRIs are written as they are (characters N-Triples forbids in an IRI are written as {@code \}{@code uXXXX});
 * literals escape only what the grammar requires ({@code "}, {@code \}, line feed, carriage return), so text
 * stays readable; {@code xsd:string} literals are written without their datatype. Blank node labels are made
 * safe and stay distinct: letters and digits as they are, any other character as {@code _} and six hex digits.
 * Not thread-safe: one encoder per thread, or one per {@link #encode} call.
 */
final class LineEncoder {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String XSD_STRING = XSDDatatype.XSDstring.getURI();

    private final boolean namedGraphs;
    private byte[] buf = new byte[1 << 12];
    private int len;
    /** Terms that repeat from line to line (the row's subject, constant predicates, graphs, datatypes), encoded once. */
    private final Map<Object, byte[]> repeated = new IdentityHashMap<>();

    /** @param namedGraphs true for N-Quads; false for N-Triples, where quads in named graphs lose their graph */
    LineEncoder(boolean namedGraphs) {
        this.namedGraphs = namedGraphs;
    }

    /** The lines of {@code quads}, as UTF-8. */
    byte[] encode(List<Quad> quads) {
        len = 0;
        ensure(quads.size() * 128);
        for (Quad q : quads) {
            put(repeated(q.getSubject()));
            put((byte) ' ');
            put(repeated(q.getPredicate()));
            put((byte) ' ');
            term(q.getObject());
            Node g = q.getGraph();
            if (namedGraphs && g != null && !Quad.isDefaultGraph(g)) {
                put((byte) ' ');
                put(repeated(g));
            }
            put((byte) ' ');
            put((byte) '.');
            put((byte) '\n');
        }
        repeated.clear();
        return Arrays.copyOf(buf, len);
    }

    private byte[] repeated(Node n) {
        byte[] bytes = repeated.get(n);
        if (bytes == null) {
            int start = len;
            term(n);
            bytes = Arrays.copyOfRange(buf, start, len);
            len = start;
            repeated.put(n, bytes);
        }
        return bytes;
    }

    private void term(Node n) {
        if (n.isURI()) {
            iri(n.getURI());
        } else if (n.isLiteral()) {
            literal(n);
        } else if (n.isBlank()) {
            blank(n.getBlankNodeLabel());
        } else {
            throw new IllegalArgumentException("cannot write " + n + " in N-Quads");
        }
    }

    private void iri(String iri) {
        ensure(iri.length() * 6 + 2);
        byte[] b = buf;
        int p = len;
        b[p++] = '<';
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c < 0x80) {
                if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`'
                        || c == '\\') {
                    b[p++] = '\\';
                    b[p++] = 'u';
                    b[p++] = '0';
                    b[p++] = '0';
                    b[p++] = HEX[(c >> 4) & 0xF];
                    b[p++] = HEX[c & 0xF];
                } else {
                    b[p++] = (byte) c;
                }
            } else {
                p = utf8(b, p, iri, i, c);
                if (Character.isHighSurrogate(c) && i + 1 < iri.length() && Character.isLowSurrogate(iri.charAt(i + 1))) {
                    i++;
                }
            }
        }
        b[p++] = '>';
        len = p;
    }

    private void literal(Node n) {
        String lexical = n.getLiteralLexicalForm();
        ensure(lexical.length() * 3 + 2);
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        for (int i = 0; i < lexical.length(); i++) {
            char c = lexical.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '"' -> {
                        b[p++] = '\\';
                        b[p++] = '"';
                    }
                    case '\\' -> {
                        b[p++] = '\\';
                        b[p++] = '\\';
                    }
                    case '\n' -> {
                        b[p++] = '\\';
                        b[p++] = 'n';
                    }
                    case '\r' -> {
                        b[p++] = '\\';
                        b[p++] = 'r';
                    }
                    default -> b[p++] = (byte) c;
                }
            } else {
                p = utf8(b, p, lexical, i, c);
                if (Character.isHighSurrogate(c) && i + 1 < lexical.length() && Character.isLowSurrogate(lexical.charAt(i + 1))) {
                    i++;
                }
            }
        }
        b[p++] = '"';
        len = p;
        String lang = n.getLiteralLanguage();
        if (lang != null && !lang.isEmpty()) {
            put((byte) '@');
            ascii(lang);
            return;
        }
        RDFDatatype datatype = n.getLiteralDatatype();
        if (datatype != null && !XSD_STRING.equals(datatype.getURI())) {
            byte[] dt = repeated.get(datatype);
            if (dt == null) {
                int start = len;
                put((byte) '^');
                put((byte) '^');
                iri(datatype.getURI());
                dt = Arrays.copyOfRange(buf, start, len);
                len = start;
                repeated.put(datatype, dt);
            }
            put(dt);
        }
    }

    /** UTF-8 of the non-ASCII character at {@code i} (a surrogate pair as one code point; a lone surrogate as '?'). */
    private static int utf8(byte[] b, int p, String s, int i, char c) {
        if (c < 0x800) {
            b[p++] = (byte) (0xC0 | (c >> 6));
            b[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = '?';
            }
        } else {
            b[p++] = (byte) (0xE0 | (c >> 12));
            b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            b[p++] = (byte) (0x80 | (c & 0x3F));
        }
        return p;
    }

    private void blank(String label) {
        ensure(label.length() * 7 + 3);
        put((byte) '_');
        put((byte) ':');
        put((byte) 'b');
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                buf[len++] = (byte) c;
            } else {
                buf[len++] = '_';
                for (int shift = 20; shift >= 0; shift -= 4) {
                    buf[len++] = HEX[(c >> shift) & 0xF];
                }
            }
        }
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
