package mx.zocalo.server.web;

import io.javalin.http.Context;

/**
 * The security headers of every response. Who may show the portal's pages in a frame: any site may frame the pages
 * under {@code /embed/} (charts made to be embedded, {@link Charts}); every other page refuses to be framed, by any site
 * including the portal's own ({@code X-Frame-Options: DENY} for older browsers, CSP {@code frame-ancestors 'none'} for
 * the rest), so that no page with the portal's links and forms can be overlaid by another site (clickjacking).
 *
 * <p>The Content-Security-Policy allows scripts from the portal only ({@code script-src 'self'}: no page has an inline
 * or event-handler script; the {@code <script type="application/json">} data blocks of the chart, map, story,
 * performance and SPARQL pages are data, not run). Styles keep {@code 'unsafe-inline'}: the map legend's swatches carry
 * their colour in a {@code style} attribute and the SPARQL editor (YASGUI) and ECharts add style elements at run time.
 * Images may also come from the map tile server when one is configured, and from the server of a logo given by address; {@code connect-src} also allows the {@code blob:} URLs the chart page makes for its SVG download. Also {@code X-Content-Type-Options: nosniff}
 * and {@code Referrer-Policy: strict-origin-when-cross-origin}.
 */
final class Framing {
    static final String EMBED = "/embed/";
    private final String policy;

    /**
     * {@code tileOrigin}: the origins images may also come from (map tiles, e.g. {@code https://tile.openstreetmap.org},
     * and a logo served elsewhere), space-separated, or null.
     */
    Framing(String tileOrigin) {
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
                + (tileOrigin != null ? " " + tileOrigin : "") + "; font-src 'self' data:; connect-src 'self' blob:; object-src 'none'; "
                + "base-uri 'self'; form-action 'self'";
    }

    /** The origins given (each may be null), space-separated for {@code img-src}; null when none. */
    static String origins(String... origins) {
        String joined = String.join(" ", java.util.Arrays.stream(origins).filter(java.util.Objects::nonNull).distinct().toList());
        return joined.isEmpty() ? null : joined;
    }

    /** The origin ({@code scheme://host[:port]}) of a URL template, or null. */
    static String origin(String urlTemplate) {
        if (urlTemplate == null) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(https?://[^/{}]+)").matcher(urlTemplate);
        return m.lookingAt() ? m.group(1) : null;
    }

    void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        if (ctx.path().startsWith(EMBED)) {
            ctx.header("Content-Security-Policy", policy + "; frame-ancestors *");
        } else {
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", policy + "; frame-ancestors 'none'");
        }
    }
}
