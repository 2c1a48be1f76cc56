package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.jena.query.QueryException;

/**
 * The errors of {@code /sparql}, in the request's language ({@link PageLanguage}) and form: the workbench page for
 * browsers (the query in its editor, the message and the line with a caret above it), JSON ({@link ErrorResponses})
 * when the client asks for it by {@code Accept} or {@code format=json}, plain text otherwise. Messages are the
 * {@code sparql.error.*} keys of {@code site/i18n}.
 */
final class SparqlErrors {
    private static final Set<String> JSON_FORMATS = Set.of("json", "jsonld", "json-ld", "application/json",
            SparqlFormats.JSON, SparqlFormats.JSONLD);

    private final Templates templates;
    private final SparqlWorkbench workbench;

    SparqlErrors(Templates templates, SparqlWorkbench workbench) {
        this.templates = templates;
        this.workbench = workbench;
    }

    /** The form an error takes: by the {@code format}/{@code output} parameter when there is one, else by {@code Accept}. */
    static ErrorResponses.Form form(Context ctx, String format) {
        if (format == null) return ErrorResponses.form(ctx);
        String f = format.toLowerCase(Locale.ROOT);
        return f.equals("html") || f.equals(SparqlFormats.HTML) ? ErrorResponses.Form.HTML
                : JSON_FORMATS.contains(f) ? ErrorResponses.Form.JSON : ErrorResponses.Form.TEXT;
    }

    /** 400 for a query the parser refused: where, what, and the line with a caret. */
    void syntax(Context ctx, String query, QueryException e, String format) {
        QuerySyntaxError error = QuerySyntaxError.of(e, query);
        String lang = PageLanguage.peek(ctx);
        String message = error.message(templates.messages(lang));
        send(ctx, query, format, lang, new ErrorResponses.Problem(400, "syntax", message, error.fields(), error.excerpt(), null));
    }

    /** An error whose message is the key {@code sparql.error.{name}}, its {@code {placeholders}} filled from {@code values}. */
    void send(Context ctx, String query, String format, int status, String name, Map<String, String> values, String detail) {
        String lang = PageLanguage.peek(ctx);
        String message = templates.messages(lang).getOrDefault("sparql.error." + name, name);
        for (Map.Entry<String, String> v : values.entrySet()) message = message.replace("{" + v.getKey() + "}", v.getValue());
        send(ctx, query, format, lang, new ErrorResponses.Problem(status, name, message, Map.of(), null, detail));
    }

    void send(Context ctx, String query, String format, int status, String name) {
        send(ctx, query, format, status, name, Map.of(), null);
    }

    private void send(Context ctx, String query, String format, String lang, ErrorResponses.Problem p) {
        ErrorResponses.Form form = form(ctx, format);
        if (form == ErrorResponses.Form.HTML) {
            ctx.status(p.status()).header("Content-Language", lang);
            ErrorResponses.vary(ctx);
            workbench.page(ctx, query, null, p);
        } else {
            ErrorResponses.send(ctx, p, form, lang, templates.messages(lang));
        }
    }
}
