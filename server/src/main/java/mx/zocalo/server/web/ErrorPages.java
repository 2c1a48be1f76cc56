package mx.zocalo.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import mx.zocalo.server.catalog.DescriptionException;
import mx.zocalo.server.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into HTTP statuses and readable answers: a page, JSON or plain text, in the
 * request's language ({@link ErrorResponses}).
 */
final class ErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.http");
    private final Templates templates;

    ErrorPages(Templates templates) {
        this.templates = templates;
    }

    void register(JavalinConfig config) {
        config.http.prefer405over404 = true;
        config.routes.exception(NotAcceptable.class, (e, ctx) -> {
            String lang = PageLanguage.peek(ctx);
            Map<String, String> msg = templates.messages(lang);
            String message = msg.get("error.406.help") + " " + msg.get("error.406.types");
            ErrorResponses.Problem p = new ErrorResponses.Problem(406, ErrorResponses.code(406), message,
                    Map.of("available", e.available()), String.join("\n", e.available()), null);
            reply(ctx, p, lang);
        });
        config.routes.exception(LocalizedBadRequest.class, (e, ctx) -> {
            String lang = PageLanguage.peek(ctx);
            reply(ctx, new ErrorResponses.Problem(400, e.code(), e.message(templates.messages(lang))), lang);
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) ctx.header("Allow", ctx.path().startsWith(SparqlService.PATH) ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD");
            // Javalin's own exceptions carry the status's English name only: nothing more to say
            String reason = io.javalin.http.HttpStatus.forStatus(e.getStatus()).getMessage();
            page(ctx, e.getStatus(), reason.equalsIgnoreCase(e.getMessage()) ? null : e.getMessage());
        });
        config.routes.exception(DescriptionException.class, (e, ctx) -> page(ctx, 400, e.getMessage()));
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> page(ctx, 400, e.getMessage()));
        config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "30");
            page(ctx, 503, null); // the status's own message says it: the data cannot be reached now
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            page(ctx, 500, e.getClass().getSimpleName() + ": " + e.getMessage());
        });
    }

    /**
     * The error of a status, with a technical {@code detail} (English, shown folded; none for 404, where the status
     * and the address say it all): the framing in the request's language.
     */
    private void page(Context ctx, int status, String detail) {
        String lang = PageLanguage.peek(ctx);
        Map<String, String> msg = templates.messages(lang);
        String help = msg.get("error." + status + ".help");
        String shown = detail == null || detail.isBlank() || status == 404 ? null : detail;
        reply(ctx, new ErrorResponses.Problem(status, ErrorResponses.code(status),
                help != null ? help : ErrorResponses.title(msg, status), Map.of(), null, shown), lang);
    }

    private void reply(Context ctx, ErrorResponses.Problem p, String lang) {
        ErrorResponses.Form form = ErrorResponses.form(ctx);
        if (form != ErrorResponses.Form.HTML) {
            ErrorResponses.send(ctx, p, form, lang, templates.messages(lang));
            return;
        }
        lang = PageLanguage.of(ctx);
        Map<String, String> msg = templates.messages(lang);
        ctx.status(p.status());
        ErrorResponses.vary(ctx);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("status", p.status());
        model.put("title", ErrorResponses.title(msg, p.status()));
        model.put("help", p.message());
        if (p.excerpt() != null) model.put("excerpt", p.excerpt());
        if (p.detail() != null) model.put("detail", p.detail());
        model.put("path", ctx.path());
        ctx.header("Content-Language", lang);
        Templates.send(ctx, templates.render("error", lang, model));
    }
}
