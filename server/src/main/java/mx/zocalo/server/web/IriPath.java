package mx.zocalo.server.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a request path (a URI: non-ASCII characters percent-encoded as UTF-8) back into the IRI form
 * the store holds (RFC 3987 §3.2): escapes of non-ASCII bytes are decoded, escapes of ASCII characters
 * such as {@code %20} are kept, because they are part of the IRI.
 */
final class IriPath {
    private IriPath() {}

    static String fromRequest(String rawPath) {
        StringBuilder out = new StringBuilder(rawPath.length());
        int i = 0;
        while (i < rawPath.length()) {
            char c = rawPath.charAt(i);
            if (c != '%' || !isEscape(rawPath, i) || hex(rawPath, i) < 0x80) {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (i < rawPath.length() && rawPath.charAt(i) == '%' && isEscape(rawPath, i) && hex(rawPath, i) >= 0x80) {
                bytes.write(hex(rawPath, i));
                i += 3;
            }
            String decoded = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
            out.append(decoded.indexOf('\uFFFD') >= 0 ? rawPath.substring(start, i) : decoded);
        }
        return out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0;
    }

    private static int hex(String s, int i) {
        return Integer.parseInt(s.substring(i + 1, i + 3), 16);
    }
}
