package mx.zocalo.server.web;

import io.javalin.http.Context;

/**
 * Who may show the portal's pages in a frame: any site may frame the pages under {@code /embed/} (charts made to be
 * embedded, {@link Charts}); every other page refuses to be framed, by any site including the portal's own
 * ({@code X-Frame-Options: DENY} for older browsers, CSP {@code frame-ancestors 'none'} for the rest), so that no page
 * with the portal's links and forms can be overlaid by another site (clickjacking).
 */
final class Framing {
    static final String EMBED = "/embed/";

    private Framing() {}

    static void headers(Context ctx) {
        if (ctx.path().startsWith(EMBED)) {
            ctx.header("Content-Security-Policy", "frame-ancestors *");
        } else {
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
        }
    }
}
