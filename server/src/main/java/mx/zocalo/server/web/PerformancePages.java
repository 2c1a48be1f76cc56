package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.performance.GoalResult;
import mx.zocalo.server.performance.MeasureQuery;
import mx.zocalo.server.performance.MeasureResult;
import mx.zocalo.server.performance.Observation;
import mx.zocalo.server.performance.PerformanceService;
import mx.zocalo.server.performance.Target;
import mx.zocalo.server.store.Store;

/**
 * The performance pages: {@code /performance} lists the goals of {@link PerformanceService} by category, each with its
 * headline figure, status badge, trend and a sparkline; {@code /performance/{goal}} shows a goal's narrative and, per
 * measure, its chart (values, target line, tolerance band, baseline; drawn by {@code performance.js}), the chart in
 * words, the values table, the latest value, and the queries behind the numbers (SPARQL workbench and row API links).
 * A goal measured per member of a column ({@code by:}, e.g. per state) is shown for one member with {@code ?member=}
 * (its label). {@code /embed/performance/{goal}} is the same without the site's header, the one that may be framed.
 */
final class PerformancePages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PerformanceService performance;
    private final CatalogService catalog;
    private final Templates templates;
    private final PortalIris iris;
    private final Store store;

    PerformancePages(PerformanceService performance, CatalogService catalog, Templates templates, PortalIris iris, Store store) {
        this.performance = performance;
        this.store = store;
        this.catalog = catalog;
        this.templates = templates;
        this.iris = iris;
    }

    void index(Context ctx) {
        String lang = PageLanguage.of(ctx);
        Map<String, String> msg = templates.messages(lang);
        List<GoalResult> goals = performance.goals();
        List<Map<String, Object>> categories = new ArrayList<>();
        for (String c : performance.categories()) {
            List<Map<String, Object>> cards = new ArrayList<>();
            for (GoalResult g : goals) if (g.goal().category().equals(c)) cards.add(card(g, lang, msg));
            categories.add(Map.of("id", c, "label", msg.getOrDefault("performance.category." + c, c), "goals", cards));
        }
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("categories", categories);
        model.put("illustrative", goals.stream().anyMatch(g -> g.goal().illustrative()));
        Templates.send(ctx, templates.render("performance", lang, model));
    }

    void goal(Context ctx) {
        render(ctx, false);
    }

    void embed(Context ctx) {
        render(ctx, true);
    }

    /** A goal's card on {@code /performance}: the headline measure's latest figure for the whole. */
    private static Map<String, Object> card(GoalResult g, String lang, Map<String, String> msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("title", g.goal().title(lang));
        m.put("department", g.goal().department());
        m.put("illustrative", g.goal().illustrative());
        m.put("href", "/performance/" + g.id());
        MeasureResult h = g.headline().orElse(null);
        Observation latest = h == null ? null : h.latest().orElse(null);
        m.put("measure", h == null ? "" : h.measure().title(lang));
        m.put("unit", h == null ? "" : h.measure().unit(lang));
        m.put("figure", PerformanceFigures.number(latest == null ? null : latest.value(), lang));
        m.put("value", latest == null ? null : latest.value());
        m.put("period", latest == null ? "" : PerformanceFigures.period(latest.period(), lang));
        m.put("badge", PerformanceFigures.badge(g.status(), msg));
        m.put("trend", PerformanceFigures.trend(h == null ? 0 : h.trend(), msg));
        m.put("sparkline", h == null ? "" : PerformanceFigures.sparkline(h.series(), h.targetValue()));
        m.put("target", h == null ? null : target(h.measure().target(), h.targetValue(), h.measure().unit(lang), lang, msg));
        return m;
    }

    private void render(Context ctx, boolean embed) {
        String id = ctx.pathParam("goal");
        GoalResult g = performance.goal(id).orElseThrow(() -> new NotFoundResponse("No goal called '" + id + "'"));
        String lang = PageLanguage.of(ctx);
        Map<String, String> msg = templates.messages(lang);

        // the member chosen (by its label, or its key): every measure with a by: column shows that member's series
        Map<String, String> labels = new java.util.TreeMap<>(java.text.Collator.getInstance(LocaleFilters.locale(lang)));
        Map<String, String> named = memberNames(g, lang);
        for (MeasureResult m : g.measures()) m.memberLabels().forEach((k, v) -> labels.merge(named.getOrDefault(k, v), k, (a, b) -> a));
        String asked = ctx.queryParam("member");
        String member = null;
        String memberLabel = null;
        if (asked != null && !asked.isBlank()) {
            String a = asked.trim();
            if (labels.containsKey(a)) { member = labels.get(a); memberLabel = a; }
            else if (labels.containsValue(a)) {
                member = a;
                memberLabel = labels.entrySet().stream().filter(e -> e.getValue().equals(a)).findFirst().orElseThrow().getKey();
            } else throw new LocalizedBadRequest("performance.error.member", Map.of("value", a, "choices", String.join(", ", labels.keySet())),
                    "The parameter member does not take '" + a + "'; it takes: " + String.join(", ", labels.keySet()));
        }
        List<Map<String, Object>> options = new ArrayList<>();
        for (String label : labels.keySet()) options.add(Map.of("value", label, "selected", label.equals(memberLabel)));

        List<Map<String, Object>> measures = new ArrayList<>();
        for (MeasureResult m : g.measures()) measures.add(measure(g, m, member, memberLabel, lang, msg));

        String query = memberLabel == null ? "" : "?member=" + URLEncoder.encode(memberLabel, StandardCharsets.UTF_8);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("embed", embed);
        model.put("goal", g.goal());
        model.put("title", g.goal().title(lang));
        model.put("narrative", g.goal().narrative(lang));
        model.put("category", msg.getOrDefault("performance.category." + g.goal().category(), g.goal().category()));
        model.put("illustrative", g.goal().illustrative());
        model.put("start", g.goal().start() == null ? null : g.goal().start().toString());
        model.put("end", g.goal().end() == null ? null : g.goal().end().toString());
        model.put("lastUpdated", g.lastUpdated() == null ? null : g.lastUpdated().toString());
        model.put("lastUpdatedText", g.lastUpdated() == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(LocaleFilters.locale(lang)).withZone(ZoneOffset.UTC).format(g.lastUpdated()).replaceAll("\\s*(UTC|Z)$", "") + " UTC");
        model.put("datasets", datasets(g.datasets(), lang));
        model.put("options", options);
        model.put("memberLabel", memberLabel);
        model.put("action", "/performance/" + id);
        model.put("measures", measures);
        model.put("problems", g.problems().stream().map(Object::toString).toList());
        model.put("permalink", "/performance/" + id + query);
        model.put("canonical", iris.base() + "performance/" + id + query);
        model.put("embedUrl", iris.base() + "embed/performance/" + id + query);
        model.put("embedLink", "/embed/performance/" + id + query);
        Templates.send(ctx, templates.render(embed ? "performance-embed" : "performance-goal", lang, model));
    }

    private Map<String, Object> measure(GoalResult g, MeasureResult m, String member, String memberLabel, String lang, Map<String, String> msg) {
        boolean perMember = member != null && !m.members().isEmpty();
        List<Observation> series = perMember ? m.series(member) : m.series();
        Observation latest = PerformanceFigures.latest(series);
        String unit = m.measure().unit(lang);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("title", m.measure().title(lang));
        out.put("unit", unit);
        out.put("scope", perMember ? memberLabel : member != null ? msg.get("performance.member.all") : null);
        out.put("figure", PerformanceFigures.number(latest == null ? null : latest.value(), lang));
        out.put("value", latest == null ? null : latest.value());
        out.put("period", latest == null ? "" : PerformanceFigures.period(latest.period(), lang));
        out.put("periodLabel", latest == null ? "" : latest.period().label());
        out.put("badge", PerformanceFigures.badge(latest == null ? mx.zocalo.server.performance.Status.NO_DATA : latest.status(), msg));
        out.put("trend", PerformanceFigures.trend(PerformanceFigures.trend(series), msg));
        Double target = perMember ? series.stream().map(Observation::target).filter(java.util.Objects::nonNull).findFirst().orElse(m.targetValue())
                : m.targetValue();
        out.put("target", target(m.measure().target(), target, unit, lang, msg));
        out.put("baseline", m.baselinePeriod() == null || perMember ? null : msg.get("performance.baseline")
                .replace("{period}", PerformanceFigures.period(m.baselinePeriod(), lang))
                .replace("{value}", PerformanceFigures.number(m.baselineValue(), lang) + (unit.isBlank() ? "" : " " + unit)));
        out.put("summary", PerformanceFigures.summary(series, unit, target, lang, msg));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Observation o : series) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("period", PerformanceFigures.period(o.period(), lang));
            r.put("label", o.period().label());
            r.put("value", o.value());
            r.put("text", PerformanceFigures.number(o.value(), lang));
            r.put("target", o.target() == null ? "" : PerformanceFigures.number(o.target(), lang));
            r.put("badge", PerformanceFigures.badge(o.status(), msg));
            rows.add(r);
        }
        out.put("rows", rows);
        out.put("spec", json(spec(m, series, perMember, lang, msg)));
        List<Map<String, Object>> queries = new ArrayList<>();
        for (MeasureQuery q : m.queries()) {
            Map<String, Object> qm = new LinkedHashMap<>();
            qm.put("role", msg.getOrDefault("performance.query." + q.role(), q.role()));
            qm.put("dataset", q.dataset());
            qm.put("perMember", q.perMember());
            qm.put("sparqlLink", "/sparql?query=" + URLEncoder.encode(q.sparql(), StandardCharsets.UTF_8));
            StringBuilder api = new StringBuilder("/api/datasets/" + q.dataset() + "/rows");
            char sep = '?';
            for (var e : q.parameters().entrySet()) {
                api.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                sep = '&';
            }
            qm.put("apiLink", api.toString());
            qm.put("soql", q.soql());
            queries.add(qm);
        }
        out.put("queries", queries);
        return out;
    }

    /**
     * The names of the members that are resources (a state of the places dataset), in the page's language, read from the
     * store: the row API's label of a link can be its code when the linked dataset was published after the one linking.
     */
    private Map<String, String> memberNames(GoalResult g, String lang) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (MeasureResult m : g.measures()) for (String k : m.members().keySet()) if (k.startsWith("http")) keys.add(k);
        if (keys.isEmpty()) return Map.of();
        Map<String, String> found = store.read(dsg -> ResourceLabels.of(dsg, keys, lang));
        Map<String, String> out = new java.util.HashMap<>();
        found.forEach((k, v) -> { if (!v.equals(ResourceView.localName(k))) out.put(k, v); });
        return out;
    }

    /** The target in words: "below 60 accidents (tolerance 6) by December 31, 2014". */
    private static String target(Target t, Double value, String unit, String lang, Map<String, String> msg) {
        if (t == null) return null;
        String u = unit.isBlank() ? "" : " " + unit;
        String v = value == null ? msg.get("performance.target.unknown") : PerformanceFigures.number(value, lang) + u;
        String s = msg.get("performance.target." + t.direction().name().toLowerCase(java.util.Locale.ROOT)).replace("{value}", v);
        if (t.change() != null && t.baseline() != null) {
            s += ", " + msg.get("performance.target.change").replace("{change}", (t.change() < 0 ? "−" : "+")
                    + PerformanceFigures.number(Math.abs(t.change()), lang) + " %").replace("{baseline}", t.baseline());
        }
        if (value != null && t.tolerance().amount() > 0) {
            s += " " + msg.get("performance.target.tolerance").replace("{tolerance}", PerformanceFigures.number(t.tolerance().of(value), lang) + u);
        }
        return s;
    }

    /** What performance.js draws: the periods in words, the values, the target and the tolerance band per period. */
    private static ObjectNode spec(MeasureResult m, List<Observation> series, boolean perMember, String lang, Map<String, String> msg) {
        ObjectNode n = JSON.createObjectNode();
        n.put("lang", lang);
        n.put("title", m.measure().title(lang));
        n.put("unit", m.measure().unit(lang));
        ArrayNode periods = n.putArray("periods");
        ArrayNode values = n.putArray("values");
        ArrayNode targets = n.putArray("target");
        ArrayNode low = n.putArray("low");
        ArrayNode high = n.putArray("high");
        ArrayNode statuses = n.putArray("status");
        for (Observation o : series) {
            periods.add(PerformanceFigures.period(o.period(), lang));
            add(values, o.value());
            add(targets, o.target());
            add(low, o.low());
            add(high, o.high());
            statuses.add(msg.get("performance.status." + o.status().word()));
        }
        if (!perMember && m.baselinePeriod() != null && m.baselineValue() != null) {
            n.put("baselineLabel", msg.get("performance.chart.baseline") + " (" + PerformanceFigures.period(m.baselinePeriod(), lang) + ")");
            n.put("baseline", m.baselineValue());
        }
        n.put("valueName", m.measure().title(lang));
        n.put("targetName", msg.get("performance.chart.target"));
        n.put("bandName", msg.get("performance.chart.band"));
        return n;
    }

    private static void add(ArrayNode a, Double v) {
        if (v == null) a.addNull();
        else a.add(v);
    }

    private List<Map<String, String>> datasets(List<String> slugs, String lang) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String slug : slugs) {
            String title = catalog.dataset(slug, lang).map(d -> d.summary().title()).orElse(slug);
            out.add(Map.of("slug", slug, "title", title, "href", "/dataset/" + slug));
        }
        return out;
    }

    /** JSON safe inside a {@code <script>} element. */
    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
