package mx.zocalo.server.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's error answer for what Jetty refuses before any route runs: a request line it cannot read (400, 505),
 * an address too long (414) or badly encoded (400: bad percent-encoding, bad UTF-8, an ambiguous {@code %2F} or
 * {@code ..}), headers too large (431) or malformed (400), a missing {@code Host}. Jetty's own page shows its name,
 * the raw message and, for some errors, a stack trace; this one is the page, JSON or text of {@link ErrorResponses},
 * with the same language rule as far as the request could be read ({@code ?lang=}, {@code Accept-Language}, else
 * Spanish) and no technical detail at all (the log keeps Jetty's message).
 */
final class JettyErrors extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.http");
    private static final Pattern LANG = Pattern.compile("(?:^|&)lang=(es|en)(?:&|$)");
    private static final Pattern COOKIE = Pattern.compile("(?:^|;)\\s*zocalo_lang=(es|en)\\s*(?:;|$)");
    private final Templates templates;

    JettyErrors(Templates templates) {
        this.templates = templates;
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    /** Every method gets the body (Jetty's default is GET, POST and HEAD only); HEAD's is dropped by Jetty. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        LOG.debug("refused before routing: {} {}", code, message);
        HttpFields headers = request.getHeaders();
        String path = path(request);
        String lang = language(request, headers);
        Map<String, String> msg = templates.messages(lang);
        String help = msg.get("error." + code + ".help");
        ErrorResponses.Problem p = new ErrorResponses.Problem(code, ErrorResponses.code(code),
                help != null ? help : ErrorResponses.title(msg, code));
        ErrorResponses.Form form = ErrorResponses.form(path, headers == null ? null : headers.get(HttpHeader.ACCEPT));
        String type;
        String body;
        switch (form) {
            case JSON -> {
                type = "application/json; charset=utf-8";
                body = ErrorResponses.json(p);
            }
            case TEXT -> {
                type = "text/plain; charset=utf-8";
                body = ErrorResponses.text(p, msg);
            }
            default -> {
                type = "text/html; charset=utf-8";
                body = page(p, msg, lang, path);
            }
        }
        HttpFields.Mutable out = response.getHeaders();
        out.put(HttpHeader.CONTENT_TYPE, type);
        out.put(HttpHeader.CONTENT_LANGUAGE, lang);
        out.put(HttpHeader.VARY, "Accept, Accept-Language");
        out.put("X-Content-Type-Options", "nosniff");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private String page(ErrorResponses.Problem p, Map<String, String> msg, String lang, String path) {
        Map<String, Object> model = new HashMap<>();
        String other = PageLanguage.other(templates.site().languages(), lang);
        model.put("otherLang", other);
        model.put("switchLink", "/?lang=" + other);
        model.put("alternates", new ArrayList<>());
        model.put("accountsOn", false);
        model.put("status", p.status());
        model.put("title", ErrorResponses.title(msg, p.status()));
        model.put("help", p.message());
        model.put("path", path);
        return templates.render("error", lang, model);
    }

    /** The request's path as far as Jetty read it (never decoded: it may be what was refused); "/" when none. */
    private static String path(Request request) {
        try {
            HttpURI uri = request.getHttpURI();
            String path = uri == null ? null : uri.getPath();
            if (path == null || path.isEmpty() || path.equals("/badMessage")) return "/";
            return path.length() > 200 ? path.substring(0, 200) + "…" : path;
        } catch (RuntimeException e) {
            return "/";
        }
    }

    /** {@code ?lang=}, the language cookie, then {@code Accept-Language}, then Spanish — read without decoding. */
    private String language(Request request, HttpFields headers) {
        List<String> offered = templates.site().languages();
        String lang = asked(request, headers, offered);
        return lang != null && offered.contains(lang) ? lang : offered.get(0);
    }

    private static String asked(Request request, HttpFields headers, List<String> offered) {
        try {
            HttpURI uri = request.getHttpURI();
            String query = uri == null ? null : uri.getQuery();
            if (query != null) {
                Matcher m = LANG.matcher(query);
                if (m.find()) return m.group(1);
            }
        } catch (RuntimeException e) {
            // an address Jetty could not read: the headers may still say
        }
        if (headers == null) return null;
        String cookie = headers.get(HttpHeader.COOKIE);
        if (cookie != null) {
            Matcher m = COOKIE.matcher(cookie);
            if (m.find()) return m.group(1);
        }
        return PageLanguage.fromAcceptLanguage(headers.get(HttpHeader.ACCEPT_LANGUAGE), offered);
    }
}
