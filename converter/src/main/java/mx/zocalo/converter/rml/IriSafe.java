package mx.zocalo.converter.rml;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a template value the way R2RML and RML-Core require for IRI templates: characters in
 * {@code iunreserved} (RFC 3987: letters, digits, {@code - . _ ~} and the non-ASCII {@code ucschar}s)
 * stay, everything else becomes {@code %HH} of its UTF-8 bytes. So {@code "Bob/Charles"} gives
 * {@code Bob%2FCharles} and {@code "AÑO"} stays {@code AÑO}.
 */
public final class IriSafe {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private IriSafe() {}

    public static String encode(String value) {
        return encode(value, false);
    }

    /** As {@link #encode(String)}, but non-ASCII characters are percent-encoded too (a URI, for {@code rml:URI}). */
    static String encodeUri(String value) {
        return encode(value, true);
    }

    private static String encode(String value, boolean asciiOnly) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int width = Character.charCount(cp);
            if (isUnreserved(cp) && !(asciiOnly && cp >= 0x80)) {
                if (out != null) {
                    out.appendCodePoint(cp);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            i += width;
        }
        return out == null ? value : out.toString();
    }

    static boolean isUnreserved(int cp) {
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
