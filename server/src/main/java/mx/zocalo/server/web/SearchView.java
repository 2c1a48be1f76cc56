package mx.zocalo.server.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.search.SearchQuery;
import mx.zocalo.server.search.SearchResults;

/** The values the search page's template shows: hits, facets with their links, active filters, orders, kinds, pages. */
final class SearchView {
    /** Facet values shown before "more". */
    static final int SHOWN = 8;

    private SearchView() {}

    static Map<String, Object> model(SearchResults r, SearchQuery q, SearchLinks links, Map<String, String> msg) {
        Map<String, Object> m = new HashMap<>();
        m.put("total", r.total());
        m.put("datasetCount", r.datasets());
        m.put("recordCount", r.records());
        m.put("updating", r.updating());
        m.put("browsing", q.q().isEmpty());
        int from = (r.page() - 1) * r.pageSize() + 1;
        m.put("from", r.hits().isEmpty() ? 0 : from);
        m.put("to", from + r.hits().size() - 1);
        m.put("page", r.page());
        m.put("pages", r.pages());
        if (r.page() > 1) m.put("previous", links.page(r.page() - 1));
        if (r.page() < r.pages()) m.put("next", links.page(r.page() + 1));
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SearchResults.Hit h : r.hits()) {
            Map<String, Object> x = new HashMap<>();
            x.put("type", h.type());
            x.put("url", h.url());
            x.put("titleHtml", h.titleHtml());
            x.put("snippet", h.type().equals("dataset") ? h.snippet() : null);
            x.put("className", h.className());
            x.put("modified", h.modified() != null && h.modified().length() >= 10 ? h.modified().substring(0, 10) : h.modified());
            x.put("dataset", h.dataset());
            List<Map<String, String>> matches = new ArrayList<>();
            for (SearchResults.Match match : h.matches()) {
                matches.add(Map.of("label", msg.getOrDefault("search.field." + match.field(), match.field()), "html", match.html()));
            }
            x.put("matches", matches);
            hits.add(x);
        }
        m.put("hits", hits);
        List<Map<String, Object>> facets = new ArrayList<>();
        List<Map<String, String>> active = new ArrayList<>();
        r.facets().forEach((facet, values) -> {
            if (values.isEmpty()) return;
            List<Map<String, Object>> shown = new ArrayList<>();
            for (SearchResults.FacetCount v : values) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("label", v.label());
                x.put("count", v.count());
                x.put("selected", v.selected());
                x.put("href", v.selected() ? links.removing(facet, v.value()) : links.adding(facet, v.value()));
                shown.add(x);
                if (v.selected()) {
                    active.add(Map.of("facet", msg.getOrDefault("search.facet." + facet.param(), facet.param()), "label", v.label(),
                            "href", links.removing(facet, v.value())));
                }
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("param", facet.param());
            f.put("label", msg.getOrDefault("search.facet." + facet.param(), facet.param()));
            f.put("first", shown.subList(0, Math.min(SHOWN, shown.size())));
            f.put("more", shown.size() > SHOWN ? shown.subList(SHOWN, shown.size()) : List.of());
            facets.add(f);
        });
        m.put("facets", facets);
        m.put("active", active);
        m.put("clearAll", links.clearing());
        List<Map<String, Object>> orders = new ArrayList<>();
        for (SearchQuery.Order o : SearchQuery.Order.values()) {
            orders.add(Map.of("label", msg.getOrDefault("search.sort." + o.param(), o.param()), "href", links.ordered(o),
                    "current", o == q.order()));
        }
        m.put("orders", orders);
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (SearchQuery.Kind k : SearchQuery.Kind.values()) {
            long count = k == SearchQuery.Kind.ALL ? r.datasets() + r.records() : k == SearchQuery.Kind.DATASET ? r.datasets() : r.records();
            kinds.add(Map.of("label", msg.getOrDefault("search.kind." + k.param(), k.param()), "href", links.kind(k),
                    "current", k == q.kind(), "count", count));
        }
        m.put("kinds", kinds);
        if (r.suggestion() != null) {
            m.put("suggestion", r.suggestion());
            m.put("suggestionHref", links.words(r.suggestion()));
        }
        return m;
    }

}
