package mx.zocalo.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.search.Facet;
import mx.zocalo.server.search.SearchQuery;

/**
 * The links of a search page: the same search with a facet value added or removed, another order, another kind of
 * results, another page. Every link keeps the rest of the query; changing what is shown goes back to page 1.
 */
final class SearchLinks {
    private final String path;
    private final SearchQuery q;

    SearchLinks(String path, SearchQuery q) {
        this.path = path;
        this.q = q;
    }

    /** This search with {@code value} of {@code facet} added (page 1). */
    String adding(Facet facet, String value) {
        Map<Facet, List<String>> f = copy();
        List<String> values = f.computeIfAbsent(facet, k -> new ArrayList<>());
        if (!values.contains(value)) values.add(value);
        return link(q.q(), f, q.kind().param(), q.order().param(), 1);
    }

    /** This search without {@code value} of {@code facet} (page 1). */
    String removing(Facet facet, String value) {
        Map<Facet, List<String>> f = copy();
        List<String> values = f.get(facet);
        if (values != null) values.remove(value);
        return link(q.q(), f, q.kind().param(), q.order().param(), 1);
    }

    /** This search without any facet value (page 1). */
    String clearing() {
        return link(q.q(), Map.of(), q.kind().param(), q.order().param(), 1);
    }

    String ordered(SearchQuery.Order order) {
        return link(q.q(), q.filters(), q.kind().param(), order.param(), 1);
    }

    String kind(SearchQuery.Kind kind) {
        return link(q.q(), q.filters(), kind.param(), q.order().param(), 1);
    }

    String page(int page) {
        return link(q.q(), q.filters(), q.kind().param(), q.order().param(), page);
    }

    /** The same filters with other words (the "did you mean" link). */
    String words(String words) {
        return link(words, q.filters(), q.kind().param(), q.order().param(), 1);
    }

    private String link(String words, Map<Facet, List<String>> filters, String kind, String order, int page) {
        List<String> parts = new ArrayList<>();
        if (words != null && !words.isEmpty()) parts.add("q=" + enc(words));
        filters.forEach((facet, values) -> values.forEach(v -> parts.add(facet.param() + "=" + enc(v))));
        if (!kind.equals(SearchQuery.Kind.ALL.param())) parts.add("type=" + kind);
        if (!order.equals(SearchQuery.Order.RELEVANCE.param())) parts.add("sort=" + order);
        if (q.pageSize() != SearchQuery.DEFAULT_PAGE_SIZE) parts.add("pageSize=" + q.pageSize());
        if (page != 1) parts.add("page=" + page);
        return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
    }

    private Map<Facet, List<String>> copy() {
        Map<Facet, List<String>> f = new LinkedHashMap<>();
        q.filters().forEach((k, v) -> f.put(k, new ArrayList<>(v)));
        return f;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
