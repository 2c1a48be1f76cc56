package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * The language of a page: {@code ?lang=} (remembered in a cookie), then the cookie, then {@code Accept-Language}, then
 * the first language offered. Only the languages the portal offers count ({@code --languages}, set on each request by
 * {@link #offer}; all of {@link #SUPPORTED} by default).
 */
final class PageLanguage {
    /** The languages the portal has messages and pages in. */
    static final List<String> SUPPORTED = List.of("es", "en");
    private static final String COOKIE = "zocalo_lang";
    private static final String OFFERED = "zocalo.languages";

    private PageLanguage() {}

    /** Records the languages offered on this request, the default first (a before-handler of every request). */
    static void offer(Context ctx, List<String> languages) {
        ctx.attribute(OFFERED, languages);
    }

    /** The languages offered on this request, the default first. */
    static List<String> offered(Context ctx) {
        List<String> l = ctx.attribute(OFFERED);
        return l != null ? l : SUPPORTED;
    }

    /** The language the switch in the header leads to: the first offered that is not {@code lang}; null when none. */
    static String other(Context ctx, String lang) {
        return other(offered(ctx), lang);
    }

    static String other(List<String> offered, String lang) {
        return offered.stream().filter(l -> !l.equals(lang)).findFirst().orElse(null);
    }

    static String of(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null && offered(ctx).contains(asked)) ctx.cookie(COOKIE, asked, 60 * 60 * 24 * 365);
        return peek(ctx);
    }

    /** The same choice as {@link #of}, without remembering {@code ?lang=} in the cookie. */
    static String peek(Context ctx) {
        List<String> offered = offered(ctx);
        String asked = ctx.queryParam("lang");
        if (asked != null && offered.contains(asked)) return asked;
        String cookie = ctx.cookie(COOKIE);
        if (cookie != null && offered.contains(cookie)) return cookie;
        return fromAcceptLanguage(ctx.header("Accept-Language"), offered);
    }

    /** The supported language the header prefers most; Spanish when none. */
    static String fromAcceptLanguage(String header) {
        return fromAcceptLanguage(header, SUPPORTED);
    }

    /** The offered language the header prefers most; the first offered when none. */
    static String fromAcceptLanguage(String header, List<String> offered) {
        String fallback = offered.get(0);
        if (header == null || header.isBlank()) return fallback;
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            String match = Locale.lookupTag(ranges, offered);
            return match != null ? match : fallback;
        } catch (RuntimeException e) { // Locale.LanguageRange.parse also throws ArrayIndexOutOfBoundsException ("-")
            return fallback;
        }
    }
}
