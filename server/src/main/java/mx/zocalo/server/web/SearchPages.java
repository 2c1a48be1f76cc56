package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.search.SearchIndex;
import mx.zocalo.server.search.SearchQuery;
import mx.zocalo.server.search.SearchResults;

/**
 * {@code /search}: the search page (works without JavaScript: a form, links for facets, orders and pages), and
 * {@code /api/search}: the same answer in JSON for programs. Both parse the request into a {@link SearchQuery} and ask
 * the {@link SearchIndex}; nothing else.
 */
final class SearchPages {
    static final String RETRY_AFTER_SECONDS = "10";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SearchIndex index;
    private final PortalIris iris;
    private final Templates templates;

    SearchPages(SearchIndex index, PortalIris iris, Templates templates) {
        this.index = index;
        this.iris = iris;
        this.templates = templates;
    }

    void page(Context ctx) {
        String lang = PageLanguage.of(ctx);
        SearchQuery q;
        try {
            q = SearchQuery.of(ctx.queryParamMap(), lang);
        } catch (SearchQuery.Invalid e) {
            throw new LocalizedBadRequest("search.invalid", Map.of("parameter", e.parameter(), "value", e.value(),
                    "accepted", e.accepted()), e.getMessage());
        }
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("q", q.q());
        model.put("searchQuery", q.q()); // fills the header's box
        ctx.header("Cache-Control", "no-cache");
        try {
            SearchResults r = index.search(q);
            model.putAll(SearchView.model(r, q, new SearchLinks("/search", q), templates.messages(lang)));
        } catch (SearchIndex.Unavailable e) {
            ctx.status(503).header("Retry-After", RETRY_AFTER_SECONDS);
            model.put("building", true);
        }
        ctx.header("Content-Language", lang);
        Templates.send(ctx, templates.render("search", lang, model));
    }

    void api(Context ctx) {
        String lang = PageLanguage.peek(ctx);
        ctx.header("Access-Control-Allow-Origin", "*").header("Cache-Control", "no-cache");
        SearchQuery q;
        try {
            q = SearchQuery.of(ctx.queryParamMap(), lang);
        } catch (SearchQuery.Invalid e) {
            Map<String, String> msg = templates.messages(lang);
            String message = msg.getOrDefault("search.invalid", e.getMessage()).replace("{parameter}", e.parameter())
                    .replace("{value}", e.value()).replace("{accepted}", e.accepted());
            ErrorResponses.send(ctx, new ErrorResponses.Problem(400, "bad-parameter", message,
                    Map.of("parameter", e.parameter(), "value", e.value(), "accepted", e.accepted()), null, null),
                    ErrorResponses.Form.JSON, lang, msg);
            return;
        }
        SearchResults r;
        try {
            r = index.search(q);
        } catch (SearchIndex.Unavailable e) {
            Map<String, String> msg = templates.messages(lang);
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            ErrorResponses.send(ctx, new ErrorResponses.Problem(503, "index-building",
                    msg.getOrDefault("search.building", e.getMessage())), ErrorResponses.Form.JSON, lang, msg);
            return;
        }
        ctx.header("Content-Language", lang);
        ctx.contentType("application/json; charset=utf-8").result(json(r, q));
    }

    private String json(SearchResults r, SearchQuery q) {
        SearchLinks links = new SearchLinks("/api/search", q);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("q", q.q());
        Map<String, Object> filters = new LinkedHashMap<>();
        q.filters().forEach((f, v) -> filters.put(f.param(), v));
        query.put("filters", filters);
        query.put("type", q.kind().param());
        query.put("sort", q.order().param());
        query.put("lang", q.lang());
        out.put("query", query);
        out.put("total", r.total());
        out.put("totals", Map.of("datasets", r.datasets(), "records", r.records()));
        out.put("page", r.page());
        out.put("pageSize", r.pageSize());
        out.put("pages", r.pages());
        List<Map<String, Object>> results = new ArrayList<>();
        for (SearchResults.Hit h : r.hits()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", h.type());
            m.put("iri", h.iri());
            m.put("url", absolute(h.url()));
            m.put("title", h.title());
            m.put("snippet", h.snippet());
            m.put("dataset", h.dataset() == null ? null
                    : Map.of("iri", h.dataset().iri(), "url", absolute(h.dataset().url()), "title", nz(h.dataset().title())));
            if (h.className() != null) m.put("class", h.className());
            if (h.modified() != null) m.put("modified", h.modified());
            if (!h.matches().isEmpty()) {
                m.put("matches", h.matches().stream().map(x -> Map.of("field", x.field(), "snippet", x.html())).toList());
            }
            m.put("score", h.score());
            results.add(m);
        }
        out.put("results", results);
        Map<String, Object> facets = new LinkedHashMap<>();
        r.facets().forEach((f, values) -> facets.put(f.param(), values.stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", v.value());
            m.put("label", v.label());
            m.put("count", v.count());
            m.put("selected", v.selected());
            return m;
        }).toList()));
        out.put("facets", facets);
        out.put("suggestion", r.suggestion() == null ? null : Map.of("q", r.suggestion(), "url", absolute(links.words(r.suggestion()))));
        Map<String, Object> paging = new LinkedHashMap<>();
        if (r.page() < r.pages()) paging.put("next", absolute(links.page(r.page() + 1)));
        if (r.page() > 1) paging.put("previous", absolute(links.page(r.page() - 1)));
        out.put("links", paging);
        out.put("updating", r.updating());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path of this portal as an absolute URL under its base; other URLs as they are. */
    private String absolute(String url) {
        if (url == null) return null;
        return url.startsWith("/") ? iris.base() + url.substring(1) : url;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
