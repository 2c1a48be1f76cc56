package mx.zocalo.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.DescriptionException;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.catalog.WithdrawnRecord;
import mx.zocalo.server.store.StoreUnavailableException;
import mx.zocalo.server.table.NoSuchDatasetException;
import mx.zocalo.server.table.SoqlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into HTTP statuses and readable answers: a page, JSON or plain text, in the
 * request's language ({@link ErrorResponses}).
 */
final class ErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.http");
    /** What a withdrawn dataset's IRIs are offered in: a page, its withdrawn record in RDF, or a line of text. */
    private static final List<String> GONE_TYPES = List.of("text/html", "text/turtle", "application/n-triples",
            "application/ld+json", "application/json", "application/rdf+xml", "text/plain");
    private final Templates templates;
    private final Withdrawals withdrawals;
    private final RdfResponses rdf;

    ErrorPages(Templates templates, Withdrawals withdrawals, RdfResponses rdf) {
        this.templates = templates;
        this.withdrawals = withdrawals;
        this.rdf = rdf;
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
        config.routes.exception(Gone.class, (e, ctx) -> gone(ctx, e.withdrawal()));
        config.routes.exception(DownloadPreparing.class, (e, ctx) -> {
            String lang = PageLanguage.peek(ctx);
            ctx.header("Retry-After", Integer.toString(DownloadPreparing.RETRY_AFTER_SECONDS));
            String message = templates.messages(lang).getOrDefault("download.preparing", e.getMessage()).replace("{file}", e.file());
            reply(ctx, new ErrorResponses.Problem(503, "download-preparing", message), lang);
        });
        config.routes.exception(SoqlException.class, (e, ctx) -> {
            String lang = PageLanguage.peek(ctx);
            reply(ctx, RowErrors.problem(e, ctx, templates.messages(lang)), lang);
        });
        config.routes.exception(NoSuchDatasetException.class, (e, ctx) -> {
            String lang = PageLanguage.peek(ctx);
            String message = templates.messages(lang).getOrDefault("rows.error.no-dataset", e.getMessage()).replace("{slug}", e.slug());
            reply(ctx, new ErrorResponses.Problem(404, ErrorResponses.code(404), message), lang);
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) ctx.header("Allow", ctx.path().startsWith(SparqlService.PATH) ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD");
            String retryAfter = e.getDetails().get("Retry-After"); // every query slot taken (explorer, map): try again soon
            if (retryAfter != null) ctx.header("Retry-After", retryAfter);
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
            int status = clientFault(e);
            if (status != 0) { // the request itself was broken (a body cut short, a bad chunk): Jetty says so while it is read
                LOG.info("{} {}: {} ({})", ctx.method(), ctx.path(), status, e.toString());
                page(ctx, status, null);
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            page(ctx, 500, null); // no class name nor message in the answer: the log has them
        });
    }

    /** The 4xx status of a request Jetty found broken while it was read (in {@code e} or a cause), else 0. */
    static int clientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException h && h.getCode() >= 400 && h.getCode() < 500) return h.getCode();
            if (t instanceof org.eclipse.jetty.io.EofException) return 400;
        }
        return 0;
    }

    /**
     * 410 for a withdrawn dataset: a page in the reader's language saying when it was withdrawn; its withdrawn record for
     * a client that asks for RDF (by {@code Accept}, or by a {@code .ttl .nt .jsonld .rdf} extension); else a line of text.
     */
    private void gone(Context ctx, WithdrawnRecord.Withdrawal w) {
        ctx.status(410).header("Vary", "Accept, Accept-Language");
        String path = ctx.path();
        if (path.startsWith("/api/")) { // programs get the error (JSON by default), not the record
            page(ctx, 410, new Gone(w).getMessage());
            return;
        }
        String ext = path.lastIndexOf('.') > path.lastIndexOf('/') ? path.substring(path.lastIndexOf('.') + 1) : "";
        RdfDownload byExtension = RdfDownload.byExtension(ext);
        String type = byExtension != null && byExtension.distribution() ? byExtension.mediaType()
                : ContentNegotiation.choose(ctx.header("Accept"), GONE_TYPES).orElse("text/plain");
        if (type.equals("text/plain")) {
            page(ctx, 410, new Gone(w).getMessage());
            return;
        }
        if (!type.equals("text/html")) {
            rdf.send(ctx, withdrawals.description(w.slug()), RdfResponses.formatFor(type.equals("application/json") ? "application/ld+json" : type));
            return;
        }
        String lang = PageLanguage.of(ctx);
        WithdrawnRecord.Withdrawal titled = withdrawals.of(w.slug(), lang).orElse(w);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("w", titled);
        model.put("when", titled.when() == null ? null : titled.when().toString());
        model.put("record", "/dataset/" + w.slug() + "/record");
        ctx.header("Content-Language", lang);
        Templates.send(ctx, templates.render("withdrawn", lang, model));
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
