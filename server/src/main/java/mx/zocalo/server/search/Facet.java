package mx.zocalo.server.search;

import java.util.Locale;
import java.util.Optional;

/**
 * The facets of dataset results, each a request parameter of {@code /search} and {@code /api/search} and a key of the
 * answer's {@code facets}. Keywords are a facet per language: a reader sees the keywords of the page's language.
 */
public enum Facet {
    THEME("theme"), PUBLISHER("publisher"), KEYWORD("keyword"), FORMAT("format"), LICENCE("licence"), YEAR("year"),
    SOURCE("source");

    private final String param;

    Facet(String param) {
        this.param = param;
    }

    /** Its request parameter and JSON key. */
    public String param() {
        return param;
    }

    /** The facet named {@code param} ({@code license} is taken for {@code licence}). */
    public static Optional<Facet> byParam(String param) {
        String p = param.toLowerCase(Locale.ROOT);
        if (p.equals("license")) p = "licence";
        for (Facet f : values()) if (f.param.equals(p)) return Optional.of(f);
        return Optional.empty();
    }

    /** The name of its Lucene facet dimension (and filter field) for readers of {@code lang}. */
    String dim(String lang) {
        return this == KEYWORD ? "keyword_" + lang : param;
    }
}
