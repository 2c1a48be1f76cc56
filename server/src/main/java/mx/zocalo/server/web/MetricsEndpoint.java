package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import mx.zocalo.server.ops.PortalMetrics;

/**
 * {@code GET /metrics}: everything {@link PortalMetrics} measures, in the Prometheus text format, to whom the
 * configuration allows: nobody ({@link Mode#OFF}: 404, as if there were no such page), callers on this machine
 * ({@link Mode#LOCAL}, the default: the connection comes from a loopback address and carries no {@code X-Forwarded-For},
 * so a local reverse proxy does not make the world local), or holders of a token ({@link Mode#TOKEN}: {@code
 * Authorization: Bearer TOKEN}, compared in constant time; 401 otherwise).
 */
final class MetricsEndpoint {
    /** Who may read the metrics. */
    enum Mode { OFF, LOCAL, TOKEN }

    private final Mode mode;
    private final byte[] token;

    MetricsEndpoint(Mode mode, String token) {
        this.mode = mode;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        if (mode == Mode.TOKEN && (token == null || token.length() < 16)) {
            throw new IllegalArgumentException("the metrics token must have at least 16 characters");
        }
    }

    /** {@code off}, {@code local} or {@code token:SECRET}. */
    static MetricsEndpoint parse(String setting) {
        String s = setting == null ? "local" : setting.trim();
        if (s.toLowerCase(Locale.ROOT).startsWith("token:")) return new MetricsEndpoint(Mode.TOKEN, s.substring(6));
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "off" -> new MetricsEndpoint(Mode.OFF, null);
            case "local" -> new MetricsEndpoint(Mode.LOCAL, null);
            default -> throw new IllegalArgumentException("metrics access must be off, local or token:SECRET, not '" + s + "'");
        };
    }

    void serve(Context ctx) {
        switch (mode) {
            case OFF -> throw new NotFoundResponse("No page " + ctx.path());
            case LOCAL -> {
                if (!LocalCaller.local(ctx)) {
                    ctx.status(403).contentType("text/plain; charset=utf-8")
                            .result("The metrics are served to this machine only (see --metrics).\n");
                    return;
                }
            }
            case TOKEN -> {
                if (!LocalCaller.bearer(ctx, token)) {
                    ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"metrics\"").contentType("text/plain; charset=utf-8")
                            .result("The metrics need the token configured with --metrics token:...\n");
                    return;
                }
            }
        }
        ctx.header("Cache-Control", "no-store").contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(PortalMetrics.scrape());
    }
}
