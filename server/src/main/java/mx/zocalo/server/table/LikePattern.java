package mx.zocalo.server.table;

/** SQL's {@code LIKE} pattern as a regular expression: {@code %} any run of characters, {@code _} one, the rest as written. */
final class LikePattern {
    private LikePattern() {}

    static String regex(String like) {
        StringBuilder b = new StringBuilder("^");
        for (int i = 0; i < like.length(); ) {
            int cp = like.codePointAt(i);
            if (cp == '%') b.append(".*");
            else if (cp == '_') b.append('.');
            else if ("\\^$.|?*+()[]{}".indexOf(cp) >= 0) b.append('\\').appendCodePoint(cp);
            else b.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return b.append('$').toString();
    }
}
