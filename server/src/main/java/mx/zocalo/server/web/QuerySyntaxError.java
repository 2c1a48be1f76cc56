package mx.zocalo.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;

/**
 * A query the parser refused, told in a person's words: where (line and column, from 1), what stands there, and — only
 * when SPARQL 1.1 itself says so in a few words — what was expected. ARQ's own list of expected tokens is never shown:
 * it names ARQ's extensions ({@code LET}, {@code LATERAL}, {@code {|}...), which are not SPARQL 1.1.
 *
 * @param line       the line, from 1; 0 when the parser gave no position
 * @param column     the column, from 1 (a tab counts one)
 * @param token      what stands there ({@code null} at the end of the query)
 * @param kind       {@link Kind#UNEXPECTED}, {@link Kind#UNCLOSED_STRING}, {@link Kind#UNDECLARED_PREFIX} or {@link Kind#OTHER}
 * @param expected   what SPARQL 1.1 expects there, as message keys or quoted tokens; empty when not said
 * @param detail     the parser's own words for {@link Kind#OTHER} (English), else null
 * @param lineText   the query's line at {@code line}
 */
record QuerySyntaxError(int line, int column, String token, Kind kind, List<String> expected, String detail, String lineText) {

    enum Kind { UNEXPECTED, UNCLOSED_STRING, UNDECLARED_PREFIX, OTHER }

    /** More alternatives than this and the expected part is left out. */
    private static final int MAX_EXPECTED = 6;
    private static final Pattern AT = Pattern.compile("at line (\\d+), column (\\d+)");
    private static final Pattern LEXICAL = Pattern.compile("(?s)^Lexical error at line (\\d+), column (\\d+)\\..*after (?:prefix )?:? ?\"(.*)\"\\s*$");
    private static final Pattern POSITIONED = Pattern.compile("(?s)^Line (\\d+), column (\\d+): (.*)$");
    private static final Pattern PREFIXED = Pattern.compile("Unresolved prefixed name: ([^\\s:]*):");
    private static final Pattern EXPECTING = Pattern.compile("(?s)Was expecting(?: one of)?:\\s*(.*)$");
    private static final Pattern ALTERNATIVE = Pattern.compile("^\\s*(<[A-Za-z0-9_]+>|\"(?:[^\"\\\\]|\\\\.)*\")");
    /** Token kinds of ARQ's grammar, as what a person would call them. */
    private static final Map<String, String> KINDS = kinds();

    /** The error of {@code query}, which {@code e} refused. */
    static QuerySyntaxError of(QueryException e, String query) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String[] lines = query.split("\r\n|\r|\n", -1);
        Matcher lexical = LEXICAL.matcher(message);
        if (lexical.find()) {
            int line = Integer.parseInt(lexical.group(1));
            int column = Integer.parseInt(lexical.group(2));
            String prefix = unescape(lexical.group(3));
            if (!prefix.contains("\n") && column - prefix.length() >= 1) column -= prefix.length();
            return at(lines, line, column, query);
        }
        if (message.startsWith("Encountered")) {
            Matcher at = AT.matcher(message);
            if (at.find()) {
                boolean end = message.startsWith("Encountered \"<EOF>\"");
                return at(lines, Integer.parseInt(at.group(1)), end ? Integer.MAX_VALUE : Integer.parseInt(at.group(2)), query);
            }
        }
        Matcher positioned = POSITIONED.matcher(message);
        if (positioned.find()) {
            int line = Integer.parseInt(positioned.group(1));
            int column = Integer.parseInt(positioned.group(2));
            String said = positioned.group(3).strip();
            Matcher prefix = PREFIXED.matcher(said);
            if (prefix.find()) {
                return new QuerySyntaxError(line, column, prefix.group(1) + ":", Kind.UNDECLARED_PREFIX, List.of(), null, lineAt(lines, line));
            }
            return new QuerySyntaxError(line, column, null, Kind.OTHER, List.of(), said, lineAt(lines, line));
        }
        if (e instanceof QueryParseException p && p.getLine() > 0 && p.getColumn() > 0) {
            return new QuerySyntaxError(p.getLine(), p.getColumn(), null, Kind.OTHER, List.of(), message.strip(), lineAt(lines, p.getLine()));
        }
        return new QuerySyntaxError(0, 0, null, Kind.OTHER, List.of(), message.strip(), null);
    }

    /** What stands at a position the parser named; at the end of the query, the end of its last line with text. */
    private static QuerySyntaxError at(String[] lines, int line, int column, String query) {
        String token = line >= 1 && line <= lines.length ? tokenAt(lines[line - 1], column) : null;
        if (token == null) {
            int last = lines.length;
            while (last > 1 && lines[last - 1].isBlank()) last--;
            String text = lines[last - 1];
            line = last;
            column = text.stripTrailing().length() + 1;
        }
        Kind kind = token != null && (token.startsWith("\"") || token.startsWith("'")) && !closed(token)
                ? Kind.UNCLOSED_STRING : Kind.UNEXPECTED;
        return new QuerySyntaxError(line, column, token, kind, expected(query, line, column, token == null), null,
                lineAt(lines, line));
    }

    private static boolean closed(String quoted) {
        return quoted.length() >= 2 && quoted.charAt(quoted.length() - 1) == quoted.charAt(0);
    }

    /** The token that starts at {@code column} of {@code text}: a word, an IRI, a quoted string, or a sign; null past its end. */
    static String tokenAt(String text, int column) {
        int i = column - 1;
        if (i < 0 || i >= text.length() || text.substring(i).isBlank()) return null;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        char c = text.charAt(i);
        int end = i + 1;
        if (c == '"' || c == '\'') {
            int close = text.indexOf(c, i + 1);
            end = close < 0 ? text.length() : close + 1;
        } else if (c == '<' && text.indexOf('>', i) > 0 && !text.substring(i, text.indexOf('>', i)).matches(".*\\s.*")) {
            end = text.indexOf('>', i) + 1;
        } else if (word(c)) {
            while (end < text.length() && (word(text.charAt(end)) || text.charAt(end) == '.' && end + 1 < text.length()
                    && word(text.charAt(end + 1)))) end++;
        } else {
            for (String two : List.of("{|", "|}", "<<", ">>", "^^", "&&", "||", "!=", "<=", ">=")) {
                if (text.startsWith(two, i)) end = i + 2;
            }
        }
        return text.substring(i, end);
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '?' || c == '$' || c == ':' || c == '-' || c == '%';
    }

    private static String lineAt(String[] lines, int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1] : null;
    }

    /**
     * What SPARQL 1.1 (not ARQ) expects where the parse stopped, when its parser stops at the same place and names few
     * things; at the end of the query a missing {@code }} is named whatever else would do.
     */
    private static List<String> expected(String query, int line, int column, boolean atEnd) {
        String said;
        try {
            QueryFactory.create(query, Syntax.syntaxSPARQL_11);
            return List.of();
        } catch (QueryParseException e) {
            said = e.getMessage() == null ? "" : e.getMessage();
        } catch (QueryException e) {
            return List.of();
        }
        Matcher at = AT.matcher(said);
        Matcher expecting = EXPECTING.matcher(said);
        if (!said.startsWith("Encountered") || !at.find() || !expecting.find()) return List.of();
        if (!atEnd && (Integer.parseInt(at.group(1)) != line || Integer.parseInt(at.group(2)) != column)) return List.of();
        Set<String> out = new LinkedHashSet<>();
        boolean onlyIntegers = true;
        List<String> raw = new ArrayList<>();
        for (String alternative : expecting.group(1).split("\n")) {
            Matcher m = ALTERNATIVE.matcher(alternative);
            if (!m.find()) continue;
            raw.add(m.group(1));
            if (m.group(1).matches("<(DECIMAL|DOUBLE).*>")) onlyIntegers = false;
        }
        for (String r : raw) {
            if (r.startsWith("\"")) {
                String t = unescape(r.substring(1, r.length() - 1));
                out.add("'" + (t.matches("[a-z]+") ? t.toUpperCase(java.util.Locale.ROOT) : t) + "'");
                continue;
            }
            String name = r.substring(1, r.length() - 1);
            String key = name.matches("(INTEGER|DECIMAL|DOUBLE).*") ? (onlyIntegers ? "sparql.expect.integer" : "sparql.expect.number")
                    : KINDS.get(name.replaceAll("\\d+$", ""));
            if (key == null) return List.of();
            out.add(key);
        }
        if (out.size() > MAX_EXPECTED) return atEnd && out.contains("'}'") ? List.of("'}'") : List.of();
        return List.copyOf(out);
    }

    private static Map<String, String> kinds() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("IRIref", "sparql.expect.iri");
        k.put("PNAME_NS", "sparql.expect.pname");
        k.put("PNAME_LN", "sparql.expect.pname");
        k.put("VAR", "sparql.expect.variable");
        k.put("BLANK_NODE_LABEL", "sparql.expect.blank");
        k.put("ANON", "sparql.expect.blank");
        k.put("STRING_LITERAL", "sparql.expect.string");
        k.put("STRING_LITERAL_LONG", "sparql.expect.string");
        k.put("LANGTAG", "sparql.expect.language");
        k.put("NIL", "sparql.expect.nil");
        k.put("EOF", "sparql.expect.end");
        return Map.copyOf(k);
    }

    /** JavaCC's escapes ({@code \n}, {@code \"}, {@code \\uXXXX}...) undone. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 < s.length() && s.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        b.append("\\u");
                    }
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }

    /** The message in the language of {@code msg}: "Syntax error at line 3, column 12: unexpected 'LET'". */
    String message(Map<String, String> msg) {
        String where = line > 0 ? msg.get("sparql.error.at").replace("{line}", String.valueOf(line))
                .replace("{column}", String.valueOf(column)) : null;
        String problem = switch (kind) {
            case UNEXPECTED -> token == null ? msg.get("sparql.error.end") : msg.get("sparql.error.unexpected").replace("{token}", token);
            case UNCLOSED_STRING -> msg.get("sparql.error.unclosed");
            case UNDECLARED_PREFIX -> msg.get("sparql.error.prefix").replace("{prefix}", token);
            case OTHER -> detail;
        };
        if (!expected.isEmpty()) {
            List<String> said = expected.stream().map(x -> x.startsWith("'") ? x : msg.getOrDefault(x, x)).toList();
            String list = said.size() == 1 ? said.get(0)
                    : String.join(", ", said.subList(0, said.size() - 1)) + msg.get("sparql.expect.or") + said.get(said.size() - 1);
            problem = problem + "; " + msg.get("sparql.error.expected").replace("{expected}", list);
        }
        String frame = kind == Kind.OTHER ? msg.get("sparql.error.invalid") : msg.get("sparql.error.syntax");
        return frame.replace("{where}", where == null ? "" : " " + where).replace("{problem}", problem);
    }

    /** The line with a caret under the column, numbered; a long line shown around the column. Null without a position. */
    String excerpt() {
        if (line <= 0 || lineText == null) return null;
        int from = Math.max(0, column - 1 - 60);
        int to = Math.min(lineText.length(), Math.max(column - 1, 0) + 60);
        String shown = (from > 0 ? "…" : "") + lineText.substring(from, to) + (to < lineText.length() ? "…" : "");
        StringBuilder pad = new StringBuilder(from > 0 ? " " : "");
        for (int i = from; i < Math.min(column - 1, lineText.length()); i++) pad.append(lineText.charAt(i) == '\t' ? '\t' : ' ');
        String number = String.valueOf(line);
        return " " + number + " | " + shown + "\n " + " ".repeat(number.length()) + " | " + pad + "^";
    }

    /** The fields JSON adds: line, column and the line's text, when there is a position. */
    Map<String, Object> fields() {
        if (line <= 0) return Map.of();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("line", line);
        f.put("column", column);
        if (lineText != null) f.put("text", lineText);
        return f;
    }
}
