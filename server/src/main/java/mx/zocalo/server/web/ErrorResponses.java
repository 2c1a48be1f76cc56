package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error the portal answers, in one language rule and three forms.
 *
 * <p>Language: {@code ?lang=}, then the language cookie a {@code ?lang=} left, then {@code Accept-Language}, then
 * Spanish ({@link PageLanguage}); the framing and the message follow it, a technical detail (an exception's text) may
 * stay in English. Form, by {@code Accept}: an HTML page for browsers, JSON when the client asks for
 * {@code application/json}, {@code application/sparql-results+json} or {@code application/ld+json}, plain text
 * otherwise (also for {@code * / *}; under {@code /api/}, JSON then). The JSON is
 * <pre>{@code {"error": {"status": 400, "code": "syntax", "message": "...", "line": 3, "column": 12, "text": "..."}}}</pre>
 * with {@code status}, {@code code} (stable, for programs) and {@code message} (for people) always, and
 * {@code line}, {@code column} (from 1), {@code text} (the query's line), {@code available} (media types, for 406)
 * and {@code detail} (technical, in English) when they apply.
 */
final class ErrorResponses {
    /** What an error may be sent as: plain text first (for {@code * / *}), HTML for browsers, JSON when asked. */
    private static final List<String> FORMS = List.of("text/plain", "application/json", "application/sparql-results+json",
            "application/ld+json", "text/html");
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Form { TEXT, JSON, HTML }

    /**
     * One error: its status, a stable code, the message in the request's language, the fields JSON adds
     * ({@code line}, {@code column}, {@code text}, {@code available}), an excerpt shown under the message in text
     * ({@code null}: none), and a technical detail ({@code null}: none).
     */
    record Problem(int status, String code, String message, Map<String, Object> fields, String excerpt, String detail) {
        Problem(int status, String code, String message) {
            this(status, code, message, Map.of(), null, null);
        }
    }

    private ErrorResponses() {}

    /** For the JSON APIs ({@code /api/...}): JSON first, so that {@code * / *} and no {@code Accept} get JSON. */
    private static final List<String> API_FORMS = List.of("application/json", "text/plain", "application/sparql-results+json",
            "application/ld+json", "text/html");

    /** The form the request's {@code Accept} asks an error in. */
    static Form form(Context ctx) {
        return form(ctx.path(), ctx.header("Accept"));
    }

    /** The form an {@code Accept} header asks an error in, for a request to {@code path}. */
    static Form form(String path, String accept) {
        boolean api = path.startsWith("/api/");
        String type = ContentNegotiation.choose(accept, api ? API_FORMS : FORMS).orElse(api ? "application/json" : "text/plain");
        return type.equals("text/html") ? Form.HTML : type.equals("text/plain") ? Form.TEXT : Form.JSON;
    }

    /** The stable code of a status without a more precise one. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 410 -> "gone";
            case 413 -> "too-large";
            case 414 -> "uri-too-long";
            case 431 -> "headers-too-large";
            case 415 -> "unsupported-media-type";
            case 502 -> "bad-gateway";
            case 503 -> "unavailable";
            default -> status >= 500 ? "server-error" : "error";
        };
    }

    /** The status's name in the messages ({@code error.404}...), or the generic one. */
    static String title(Map<String, String> msg, int status) {
        return msg.getOrDefault("error." + status, msg.getOrDefault("error.other", "Error"));
    }

    /** Sends {@code p} as plain text or JSON ({@code form} is not HTML: pages are their caller's), in {@code lang}. */
    static void send(Context ctx, Problem p, Form form, String lang, Map<String, String> msg) {
        ctx.status(p.status()).header("Content-Language", lang);
        vary(ctx);
        if (form == Form.JSON) {
            ctx.contentType("application/json; charset=utf-8").result(json(p));
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(text(p, msg));
        }
    }

    /** {@code Vary: Accept, Accept-Language}, keeping what the response already varies on. */
    static void vary(Context ctx) {
        String vary = ctx.res().getHeader("Vary");
        StringBuilder v = new StringBuilder(vary == null ? "" : vary);
        for (String h : List.of("Accept", "Accept-Language")) {
            if (vary == null || !List.of(vary.split("\\s*,\\s*")).contains(h)) v.append(v.length() == 0 ? "" : ", ").append(h);
        }
        ctx.header("Vary", v.toString());
    }

    static String json(Problem p) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", p.status());
        error.put("code", p.code());
        error.put("message", p.message());
        error.putAll(p.fields());
        if (p.detail() != null) error.put("detail", p.detail());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("error", error)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 400 Solicitud incorrecta}, the message, the excerpt, the detail: one per line. */
    static String text(Problem p, Map<String, String> msg) {
        StringBuilder b = new StringBuilder().append(p.status()).append(' ').append(title(msg, p.status())).append('\n');
        if (p.message() != null && !p.message().isBlank()) b.append(p.message()).append('\n');
        if (p.excerpt() != null) b.append('\n').append(p.excerpt()).append('\n');
        if (p.detail() != null) b.append('\n').append(msg.getOrDefault("error.detail", "Detail")).append(": ").append(p.detail()).append('\n');
        return b.toString();
    }
}
