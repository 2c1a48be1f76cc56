package mx.zocalo.server.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a reader asks the search: words ({@code q}), facet filters (AND across facets and within one: each value
 * narrows the results), which kind of results, the order, the page and the language of the page. Built from the
 * request's parameters by {@link #of}, which refuses what it cannot use with an {@link Invalid} naming the parameter.
 *
 * <pre>{@code
 * SearchQuery q = SearchQuery.of(Map.of("q", List.of("accidente"), "theme", List.of("TRAN")), "es");
 * }</pre>
 */
public record SearchQuery(String q, Map<Facet, List<String>> filters, Kind kind, Order order, int page, int pageSize,
                          String lang) {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    /** How far results can be paged: page × pageSize at most this (as search engines do). */
    public static final int MAX_WINDOW = 10_000;
    /** The longest query text taken. */
    public static final int MAX_QUERY_LENGTH = 500;
    /** The parameters besides the facets'. */
    public static final Set<String> PARAMETERS = Set.of("q", "type", "sort", "page", "pageSize", "lang");

    /** Which results: datasets and records, or one kind. */
    public enum Kind {
        ALL("all"), DATASET("dataset"), RECORD("record");

        private final String param;

        Kind(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }
    }

    /** The order of results: relevance (the default), title (A to Z), last modified (newest first). */
    public enum Order {
        RELEVANCE("relevance"), TITLE("title"), MODIFIED("modified");

        private final String param;

        Order(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }
    }

    /** A parameter the search cannot use: its name, the value given, and what it accepts (in English, for programs). */
    public static final class Invalid extends IllegalArgumentException {
        private final String parameter;
        private final String value;
        private final String accepted;

        Invalid(String parameter, String value, String accepted) {
            super("'" + value + "' is not a value of " + parameter + ": " + accepted);
            this.parameter = parameter;
            this.value = value;
            this.accepted = accepted;
        }

        public String parameter() { return parameter; }
        public String value() { return value; }
        public String accepted() { return accepted; }
    }

    public SearchQuery {
        q = q == null ? "" : q.strip();
        Map<Facet, List<String>> copy = new EnumMap<>(Facet.class);
        filters.forEach((f, v) -> { if (!v.isEmpty()) copy.put(f, List.copyOf(v)); });
        filters = Collections.unmodifiableMap(copy);
    }

    /**
     * The query the request's parameters ask for ({@code q}, {@code type}, {@code sort}, {@code page}, {@code pageSize},
     * and a parameter per facet, repeatable), for a page in {@code lang}. Other parameters are ignored.
     *
     * @throws Invalid for a value it cannot use, naming the parameter and what it accepts
     */
    public static SearchQuery of(Map<String, List<String>> params, String lang) {
        String q = first(params, "q");
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            throw new Invalid("q", q.substring(0, 40) + "…", "at most " + MAX_QUERY_LENGTH + " characters");
        }
        Map<Facet, List<String>> filters = new LinkedHashMap<>();
        params.forEach((name, values) -> Facet.byParam(name).ifPresent(f -> {
            List<String> kept = new ArrayList<>(filters.getOrDefault(f, List.of()));
            for (String v : values) if (v != null && !v.isBlank() && !kept.contains(v.strip())) kept.add(v.strip());
            filters.put(f, kept);
        }));
        Kind kind = choice(first(params, "type"), "type", Kind.values(), Kind.ALL, Kind::param);
        Order order = choice(first(params, "sort"), "sort", Order.values(), Order.RELEVANCE, Order::param);
        int pageSize = number(first(params, "pageSize"), "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        int page = number(first(params, "page"), "page", 1, MAX_WINDOW / pageSize);
        return new SearchQuery(q, filters, kind, order, page, pageSize, "en".equals(lang) ? "en" : "es");
    }

    /** The same query on another page. */
    public SearchQuery page(int p) {
        return new SearchQuery(q, filters, kind, order, p, pageSize, lang);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0) == null || v.get(0).isBlank() ? null : v.get(0).strip();
    }

    private static <E> E choice(String given, String name, E[] values, E otherwise, java.util.function.Function<E, String> param) {
        if (given == null) return otherwise;
        List<String> accepted = new ArrayList<>();
        for (E e : values) {
            if (param.apply(e).equals(given.toLowerCase(Locale.ROOT))) return e;
            accepted.add(param.apply(e));
        }
        throw new Invalid(name, given, "one of " + String.join(", ", accepted));
    }

    private static int number(String given, String name, int otherwise, int max) {
        if (given == null) return otherwise;
        try {
            int n = Integer.parseInt(given);
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Invalid(name, given, "a whole number from 1 to " + max);
    }
}
