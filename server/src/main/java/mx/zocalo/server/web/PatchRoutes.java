package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import mx.zocalo.server.store.PatchLog;

/**
 * The patch log of a primary portal, read-only, for its replicas: {@code GET /patches} answers the number of the last
 * patch (text), {@code GET /patches/N} patch N in RDF Patch text ({@code application/rdf-patch}); a patch never changes
 * once written, so it may be cached for good. Only served when the store keeps a log ({@code serve --patch-log}).
 */
final class PatchRoutes {
    private final PatchLog log;

    PatchRoutes(PatchLog log) {
        this.log = log;
    }

    void latest(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType("text/plain; charset=utf-8").result(log.latest() + "\n");
    }

    void patch(Context ctx) throws IOException {
        long n;
        try {
            n = Long.parseLong(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result("Not a patch number: " + ctx.pathParam("n") + "\n");
            return;
        }
        var file = log.patch(n);
        if (file.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("No patch " + n + " (the last is " + log.latest() + ")\n");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable").contentType("application/rdf-patch");
        InputStream in = Files.newInputStream(file.get());
        ctx.result(in);
    }
}
