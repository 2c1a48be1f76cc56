package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Cuts one SoQL parameter into tokens, each with its position; a character that starts no token is an error there. */
final class SoqlLexer {
    enum Kind { NAME, QUOTED_NAME, STRING, NUMBER, SYMBOL, END }

    /** A token: its kind, its text (a string's value without quotes, a symbol such as {@code <=}), where it starts. */
    record Token(Kind kind, String text, int position) {
        boolean is(String symbolOrKeyword) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equalsIgnoreCase(symbolOrKeyword);
        }

        /** How the token looks in a message. */
        String shown() {
            return switch (kind) {
                case STRING -> "'" + text.replace("'", "''") + "'";
                case QUOTED_NAME -> "`" + text + "`";
                case END -> "";
                default -> text;
            };
        }
    }

    private SoqlLexer() {}

    static List<Token> tokens(String parameter, String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder b = new StringBuilder();
                int start = i++;
                while (true) {
                    if (i >= n) throw new SoqlException("unclosed", parameter, start, text.substring(start, Math.min(n, start + 20)), Map.of());
                    char d = text.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < n && text.charAt(i + 1) == '\'') {
                            b.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    b.append(d);
                    i++;
                }
                out.add(new Token(Kind.STRING, b.toString(), start));
            } else if (c == '`') {
                int end = text.indexOf('`', i + 1);
                if (end < 0) throw new SoqlException("unclosed-name", parameter, i, text.substring(i, Math.min(n, i + 20)), Map.of());
                out.add(new Token(Kind.QUOTED_NAME, text.substring(i + 1, end), i));
                i = end + 1;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))
                    && (out.isEmpty() || out.get(out.size() - 1).kind() != Kind.NAME)) {
                int start = i;
                while (i < n && Character.isDigit(text.charAt(i))) i++;
                if (i < n && text.charAt(i) == '.') {
                    i++;
                    while (i < n && Character.isDigit(text.charAt(i))) i++;
                }
                if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) j++;
                    if (j < n && Character.isDigit(text.charAt(j))) {
                        i = j;
                        while (i < n && Character.isDigit(text.charAt(i))) i++;
                    }
                }
                if (i < n && isNameChar(text.charAt(i))) {
                    int end = i;
                    while (end < n && isNameChar(text.charAt(end))) end++;
                    throw new SoqlException("bad-number", parameter, start, text.substring(start, end), Map.of());
                }
                out.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else if (isNameStart(c) || c == ':' && i + 1 < n && isNameStart(text.charAt(i + 1))) {
                int start = i++;
                while (i < n && isNameChar(text.charAt(i))) i++;
                out.add(new Token(Kind.NAME, text.substring(start, i), start));
            } else {
                String two = i + 1 < n ? text.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("<>") || two.equals("==")) {
                    out.add(new Token(Kind.SYMBOL, two.equals("<>") ? "!=" : two.equals("==") ? "=" : two, i));
                    i += 2;
                } else if ("=<>(),.*-+".indexOf(c) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
                    i++;
                } else {
                    throw new SoqlException("unexpected-character", parameter, i, new String(Character.toChars(text.codePointAt(i))), Map.of());
                }
            }
        }
        out.add(new Token(Kind.END, "", n));
        return out;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
