package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * The language of a page: {@code ?lang=} (remembered in a cookie), then the cookie, then
 * {@code Accept-Language}, then Spanish.
 */
final class PageLanguage {
    static final List<String> SUPPORTED = List.of("es", "en");
    private static final String COOKIE = "zocalo_lang";

    private PageLanguage() {}

    static String of(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null && SUPPORTED.contains(asked)) {
            ctx.cookie(COOKIE, asked, 60 * 60 * 24 * 365);
            return asked;
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie != null && SUPPORTED.contains(cookie)) return cookie;
        return fromAcceptLanguage(ctx.header("Accept-Language"));
    }

    /** The same choice as {@link #of}, without remembering {@code ?lang=} in the cookie. */
    static String peek(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null && SUPPORTED.contains(asked)) return asked;
        String cookie = ctx.cookie(COOKIE);
        if (cookie != null && SUPPORTED.contains(cookie)) return cookie;
        return fromAcceptLanguage(ctx.header("Accept-Language"));
    }

    /** The supported language the header prefers most; Spanish when none. */
    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) return "es";
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            String match = Locale.lookupTag(ranges, SUPPORTED);
            return match != null ? match : "es";
        } catch (RuntimeException e) { // Locale.LanguageRange.parse also throws ArrayIndexOutOfBoundsException ("-")
            return "es";
        }
    }
}
