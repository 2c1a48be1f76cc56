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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns exceptions into HTTP statuses and readable pages. */
final class ErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.http");
    /** What a withdrawn dataset's IRIs are offered in: a page, its withdrawn record in RDF, or a line of text. */
    private static final List<String> GONE_TYPES = List.of("text/html", "text/turtle", "application/n-triples",
            "application/ld+json", "application/rdf+xml", "text/plain");
    private final Templates templates;
    private final Withdrawals withdrawals;
    private final RdfResponses rdf;

    ErrorPages(Templates templates, Withdrawals withdrawals, RdfResponses rdf) {
        this.templates = templates;
        this.withdrawals = withdrawals;
        this.rdf = rdf;
    }

    void register(JavalinConfig config) {
        config.routes.exception(NotAcceptable.class, (e, ctx) -> {
            Map<String, String> msg = templates.messages(PageLanguage.of(ctx));
            ctx.status(406).header("Vary", "Accept, Accept-Language").contentType("text/plain; charset=utf-8")
                    .result("406 " + msg.get("error.406") + ". " + msg.get("error.406.types") + "\n"
                            + String.join("\n", e.available()) + "\n");
        });
        config.routes.exception(Gone.class, (e, ctx) -> gone(ctx, e.withdrawal()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> page(ctx, e.getStatus(), e.getMessage()));
        config.routes.exception(DescriptionException.class, (e, ctx) -> page(ctx, 400, e.getMessage()));
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> page(ctx, 400, e.getMessage()));
        config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "30");
            page(ctx, 503, "The triple store did not answer.");
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            page(ctx, 500, e.getClass().getSimpleName() + ": " + e.getMessage());
        });
    }

    /**
     * 410 for a withdrawn dataset: a page in the reader's language saying when it was withdrawn; its withdrawn record for
     * a client that asks for RDF (by {@code Accept}, or by a {@code .ttl .nt .jsonld .rdf} extension); else a line of text.
     */
    private void gone(Context ctx, WithdrawnRecord.Withdrawal w) {
        ctx.status(410).header("Vary", "Accept, Accept-Language");
        String path = ctx.path();
        String ext = path.lastIndexOf('.') > path.lastIndexOf('/') ? path.substring(path.lastIndexOf('.') + 1) : "";
        RdfDownload byExtension = RdfDownload.byExtension(ext);
        String type = byExtension != null && byExtension.distribution() ? byExtension.mediaType()
                : ContentNegotiation.choose(ctx.header("Accept"), GONE_TYPES).orElse("text/plain");
        if (type.equals("text/plain")) {
            ctx.contentType("text/plain; charset=utf-8").result("410 Gone: " + new Gone(w).getMessage() + "\n");
            return;
        }
        if (!type.equals("text/html")) {
            rdf.send(ctx, withdrawals.description(w.slug()), RdfResponses.formatFor(type));
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

    private void page(Context ctx, int status, String message) {
        ctx.status(status);
        boolean html = ContentNegotiation.choose(ctx.header("Accept"), List.of("text/html", "text/plain"))
                .map("text/html"::equals).orElse(false);
        if (!html) {
            ctx.contentType("text/plain; charset=utf-8").result(status + " " + message + "\n");
            return;
        }
        String lang = PageLanguage.of(ctx);
        String key = "error." + status;
        Map<String, String> msg = templates.messages(lang);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("status", status);
        model.put("title", msg.getOrDefault(key, msg.getOrDefault("error.other", "Error")));
        model.put("help", msg.get(key + ".help"));
        // the technical message is in English: shown folded, and only where it says more than the status
        if (message != null && !message.isBlank() && status != 404) model.put("detail", message);
        model.put("path", ctx.path());
        ctx.header("Content-Language", lang);
        Templates.send(ctx, templates.render("error", lang, model));
    }
}
