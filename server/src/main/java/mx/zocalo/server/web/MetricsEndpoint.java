package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
                if (!local(ctx)) {
                    ctx.status(403).contentType("text/plain; charset=utf-8")
                            .result("The metrics are served to this machine only (see --metrics).\n");
                    return;
                }
            }
            case TOKEN -> {
                String auth = ctx.header("Authorization");
                byte[] given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? auth.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
                if (!MessageDigest.isEqual(given, token)) {
                    ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"metrics\"").contentType("text/plain; charset=utf-8")
                            .result("The metrics need the token configured with --metrics token:...\n");
                    return;
                }
            }
        }
        ctx.header("Cache-Control", "no-store").contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(PortalMetrics.scrape());
    }

    private static boolean local(Context ctx) {
        if (ctx.header("X-Forwarded-For") != null || ctx.header("Forwarded") != null) return false;
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
