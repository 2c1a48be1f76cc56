package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Map;
import mx.zocalo.server.store.PatchLog;

/**
 * The patch log of a primary portal, read-only, for its replicas: {@code GET /patches} answers the number of the last
 * patch (text), {@code GET /patches/N} patch N in RDF Patch text ({@code application/rdf-patch}); a patch never changes
 * once written, so it may be cached for good. Only served when the store keeps a log ({@code serve --patch-log}), and
 * only to a replica: the patches keep everything ever published, withdrawn datasets included, so each request must carry
 * the log's token ({@code Authorization: Bearer TOKEN}, {@link PatchLog#token()}); without it, or with another, the
 * answer is {@code 401} with {@code WWW-Authenticate: Bearer} (JSON, naming what is missing), in constant time.
 */
final class PatchRoutes {
    private final PatchLog log;
    private final byte[] token;

    PatchRoutes(PatchLog log) {
        this.log = log;
        this.token = ("Bearer " + log.token()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether the request carries the replicas' token; if not, answers 401 and returns false. */
    private boolean allowed(Context ctx) {
        String given = ctx.header("Authorization");
        if (given != null && MessageDigest.isEqual(token, given.trim().getBytes(StandardCharsets.US_ASCII))) return true;
        ctx.header("WWW-Authenticate", "Bearer realm=\"zocalo patches\"").header("Cache-Control", "no-store");
        String message = (given == null ? "The patch log is for this portal's replicas: send its token (Authorization: Bearer TOKEN)."
                : "That is not the token of this portal's patch log.") + " The primary keeps it in DATA/patches/" + PatchLog.TOKEN_FILE
                + "; give it to the replica with --primary-token or ZOCALO_PRIMARY_TOKEN.";
        // for replicas, not people: the portal's JSON error, in English
        ErrorResponses.send(ctx, new ErrorResponses.Problem(401, given == null ? "token-missing" : "token-wrong", message),
                ErrorResponses.Form.JSON, "en", Map.of());
        return false;
    }

    void latest(Context ctx) {
        if (!allowed(ctx)) return;
        ctx.header("Cache-Control", "no-cache").contentType("text/plain; charset=utf-8").result(log.latest() + "\n");
    }

    void patch(Context ctx) throws IOException {
        if (!allowed(ctx)) return;
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
        ctx.header("Cache-Control", "private, max-age=31536000, immutable").contentType("application/rdf-patch");
        InputStream in = Files.newInputStream(file.get());
        ctx.result(in);
    }
}
