package mx.zocalo.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an answer to a bad request must be: an answer at all within the time (no hang, no silent close); no 500 and no
 * other 5xx than {@code 503} with {@code Retry-After} (the documented busy/timeout answer) or {@code 505} (an HTTP
 * version the portal does not speak); no stack trace, no Java class or exception name and no Jetty page in any body;
 * and every 4xx body the portal's error answer — text starting with the status and its name, JSON
 * {@code {"error": {"status": ...}}}, or an HTML page — in the request's language ({@code Content-Language}, the
 * page's {@code lang}, the status's name in that language), or in Spanish when the request was too broken to read its
 * language.
 */
public final class FuzzVerdict {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK = Pattern.compile("(?m)^\\s*at [\\w$.<>]+\\(|\\bCaused by:|\\.java:\\d+\\)");
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:java|javax|jakarta|sun|kotlin|org\\.eclipse|org\\.apache|io\\.javalin|io\\.pebbletemplates|com\\.fasterxml|mx\\.zocalo)\\.[a-z][\\w$.]*[A-Z]\\w*"
            + "|\\b[A-Z]\\w*(?:Exception|Error)\\b");
    private static final Pattern JETTY = Pattern.compile("Powered by Jetty|HTTP ERROR \\d|<h2>HTTP ERROR|/badMessage");
    private static final Pattern HTML_LANG = Pattern.compile("<html lang=\"([a-z]{2})\"");

    private FuzzVerdict() {}

    /** What is wrong with {@code a} as the answer to {@code p}; empty when nothing. */
    public static List<String> problems(FuzzRequests.Probe p, RawHttp.Answer a) {
        List<String> out = new ArrayList<>();
        if (a.timedOut()) {
            out.add("no answer within the time (hang)");
            return out;
        }
        if (a.status() == 0) {
            out.add("no HTTP answer: " + (a.failure() != null ? a.failure() : "unreadable head"));
            return out;
        }
        int s = a.status();
        if (s >= 500 && !(s == 503 && a.header("Retry-After") != null) && s != 505) out.add("status " + s);
        String type = a.header("Content-Type") == null ? "" : a.header("Content-Type").toLowerCase(Locale.ROOT);
        boolean textual = type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.isEmpty();
        String body = textual ? a.text() : "";
        Matcher m = STACK.matcher(body);
        if (m.find()) out.add("a stack trace in the body: " + excerpt(body, m.start()));
        if (s >= 400) { // data may name Java classes (a dataset about software); an error must not
            m = CLASS_NAME.matcher(body);
            if (m.find()) out.add("a class or exception name in the body: " + m.group());
        }
        m = JETTY.matcher(body);
        if (m.find()) out.add("Jetty's own error page: " + excerpt(body, m.start()));
        if (s >= 400 && s < 500 && !p.head()) errorBody(p, a, type, body, out);
        return out;
    }

    private static void errorBody(FuzzRequests.Probe p, RawHttp.Answer a, String type, String body, List<String> out) {
        String lang = a.header("Content-Language");
        boolean langOk = lang != null && (lang.equals(p.lang()) || !p.languageReadable() && (lang.equals("es") || lang.equals("en")));
        if (!langOk) out.add("Content-Language " + lang + " for a request in " + p.lang());
        int s = a.status();
        if (type.startsWith("text/plain")) {
            String shown = lang != null && (lang.equals("es") || lang.equals("en")) ? lang : p.lang();
            String title = s + " " + title(shown, s);
            if (!body.startsWith(title + "\n")) out.add("text error not starting with '" + title + "': " + excerpt(body, 0));
        } else if (type.startsWith("application/json")) {
            try {
                JsonNode e = JSON.readTree(body).get("error");
                if (e == null || e.path("status").asInt() != s || e.path("message").asText().isBlank()) {
                    out.add("JSON error without error.status " + s + " and a message: " + excerpt(body, 0));
                }
            } catch (java.io.IOException e) {
                out.add("JSON error that is not JSON: " + excerpt(body, 0));
            }
        } else if (type.startsWith("text/html")) {
            Matcher m = HTML_LANG.matcher(body);
            if (!m.find()) out.add("HTML error without <html lang>: " + excerpt(body, 0));
            else if (lang != null && !m.group(1).equals(lang)) out.add("HTML in " + m.group(1) + " labelled " + lang);
        } else {
            out.add("a " + s + " answered as '" + type + "', not the portal's error page or JSON");
        }
    }

    private static final java.util.Map<String, ResourceBundle> BUNDLES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The status's name in {@code lang}, from the portal's messages. */
    static String title(String lang, int status) {
        ResourceBundle b = BUNDLES.computeIfAbsent(lang, l -> ResourceBundle.getBundle("zocalo.site.i18n.messages", Locale.forLanguageTag(l),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        String key = "error." + status;
        return b.containsKey(key) ? b.getString(key) : b.getString("error.other");
    }

    private static String excerpt(String body, int at) {
        int from = Math.max(0, at - 40);
        String s = body.substring(from, Math.min(body.length(), at + 160)).replaceAll("\\s+", " ");
        return s;
    }
}
