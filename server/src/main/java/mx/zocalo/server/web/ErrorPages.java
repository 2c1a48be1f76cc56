package mx.zocalo.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.DescriptionException;
import mx.zocalo.server.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns exceptions into HTTP statuses and readable pages. */
final class ErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.http");
    private final Templates templates;

    ErrorPages(Templates templates) {
        this.templates = templates;
    }

    void register(JavalinConfig config) {
        config.routes.exception(NotAcceptable.class, (e, ctx) -> {
            Map<String, String> msg = templates.messages(PageLanguage.of(ctx));
            ctx.status(406).header("Vary", "Accept, Accept-Language").contentType("text/plain; charset=utf-8")
                    .result("406 " + msg.get("error.406") + ". " + msg.get("error.406.types") + "\n"
                            + String.join("\n", e.available()) + "\n");
        });
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
