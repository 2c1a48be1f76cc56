package mx.zocalo.server.performance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;

/**
 * Goals as JSON for programs ({@code GET /api/performance}, {@code /api/performance/{goal}}): every figure with its
 * period, status, target and tolerance band, and the queries behind the numbers (row API parameters and URL, SoQL,
 * SPARQL). Numbers are JSON numbers; a period without data has {@code "value": null} and a {@code reason}.
 */
public final class PerformanceJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PerformanceJson() {}

    /** The list of goals: each with its headline figure and status. */
    public static ObjectNode list(List<GoalResult> goals, PortalIris iris) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("goals");
        for (GoalResult g : goals) {
            ObjectNode o = summary(g, iris);
            o.put("api", iris.iri("api/performance/" + g.id()).getURI());
            out.add(o);
        }
        return root;
    }

    /** One goal with every measure, its series (the whole and per member) and its queries. */
    public static ObjectNode goal(GoalResult g, PortalIris iris) {
        ObjectNode o = summary(g, iris);
        Goal goal = g.goal();
        o.set("narrative", langs(goal.narrative()));
        o.put("department", goal.department());
        o.put("lastUpdated", g.lastUpdated().toString());
        ArrayNode datasets = o.putArray("datasets");
        for (String slug : g.datasets()) {
            datasets.addObject().put("slug", slug).put("iri", iris.dataset(slug).getURI());
        }
        ArrayNode measures = o.putArray("measures");
        for (MeasureResult m : g.measures()) measures.add(measure(g, m, iris));
        ArrayNode problems = o.putArray("problems");
        for (PerformanceProblem p : g.problems()) problems.addObject().put("line", p.line()).put("field", p.field()).put("message", p.message());
        return o;
    }

    private static ObjectNode summary(GoalResult g, PortalIris iris) {
        Goal goal = g.goal();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", goal.id());
        o.put("iri", DataCube.goal(iris, goal.id()).getURI());
        o.put("page", iris.iri("performance/" + goal.id()).getURI());
        o.set("title", langs(goal.title()));
        o.put("category", goal.category());
        o.put("start", goal.start().toString());
        o.put("end", goal.end().toString());
        o.put("illustrative", goal.illustrative());
        o.put("status", g.status().word());
        g.headline().ifPresent(m -> {
            ObjectNode h = o.putObject("headline");
            h.put("measure", m.id());
            h.set("title", langs(m.measure().title()));
            h.set("unit", langs(m.measure().unit()));
            h.put("trend", m.trend());
            m.latest().ifPresentOrElse(l -> h.set("latest", observation(l)), () -> h.putNull("latest"));
        });
        return o;
    }

    private static ObjectNode measure(GoalResult g, MeasureResult r, PortalIris iris) {
        Measure m = r.measure();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", m.id());
        o.put("iri", DataCube.measure(iris, g.id(), m.id()).getURI());
        o.set("title", langs(m.title()));
        o.set("unit", langs(m.unit()));
        if (m.dataset() != null) o.put("dataset", m.dataset());
        o.put("aggregate", m.aggregate().word());
        if (m.column() != null) o.put("column", m.column());
        if (m.where() != null) o.put("where", m.where());
        if (m.period() != null) o.put("period", m.period());
        o.put("every", m.every().word());
        o.put("cumulative", m.cumulative());
        if (m.by() != null) o.put("by", m.by());
        if (m.rate() != null) {
            o.putObject("rate").put("numerator", m.rate().numerator()).put("denominator", m.rate().denominator()).put("per", number(m.rate().per()));
        }
        if (m.target() != null) {
            Target t = m.target();
            ObjectNode to = o.putObject("target");
            to.put("direction", t.direction().word());
            if (t.value() != null) to.put("value", number(t.value()));
            if (t.change() != null) to.put("change", number(t.change()));
            if (t.baseline() != null) to.put("baseline", t.baseline());
            to.put("date", t.date().toString());
            to.put("tolerance", t.tolerance().percent() ? number(t.tolerance().amount()) + "%" : number(t.tolerance().amount()).toPlainString());
            put(to, "targetValue", r.targetValue());
            put(to, "baselineValue", r.baselineValue());
        }
        o.put("trend", r.trend());
        r.latest().ifPresentOrElse(l -> o.set("latest", observation(l)), () -> o.putNull("latest"));
        ArrayNode datasets = o.putArray("datasets");
        r.datasets().forEach(datasets::add);
        ArrayNode queries = o.putArray("queries");
        for (MeasureQuery q : r.queries()) {
            ObjectNode qo = queries.addObject();
            qo.put("role", q.role()).put("dataset", q.dataset()).put("perMember", q.perMember());
            ObjectNode params = qo.putObject("parameters");
            q.parameters().forEach(params::put);
            qo.put("rowApi", iris.iri("api/datasets/" + q.dataset() + "/rows?" + query(q.parameters())).getURI());
            qo.put("soql", q.soql());
            qo.put("sparql", q.sparql());
        }
        ArrayNode series = o.putArray("series");
        r.series().forEach(ob -> series.add(observation(ob)));
        ArrayNode members = o.putArray("members");
        for (Map.Entry<String, List<Observation>> e : r.members().entrySet()) {
            ObjectNode mo = members.addObject();
            mo.put("key", e.getKey());
            mo.put("label", r.memberLabels().getOrDefault(e.getKey(), e.getKey()));
            ArrayNode s = mo.putArray("series");
            e.getValue().forEach(ob -> s.add(observation(ob)));
        }
        return o;
    }

    static ObjectNode observation(Observation ob) {
        ObjectNode o = JSON.createObjectNode();
        o.put("period", ob.period().label());
        if (ob.period().dated()) o.put("start", ob.period().start().toString()).put("end", ob.period().end().toString());
        put(o, "value", ob.value());
        o.put("status", ob.status().word());
        if (ob.reason() != null) o.put("reason", ob.reason());
        put(o, "target", ob.target());
        put(o, "low", ob.low());
        put(o, "high", ob.high());
        return o;
    }

    private static void put(ObjectNode o, String key, Double v) {
        if (v == null) o.putNull(key);
        else o.put(key, number(v));
    }

    private static BigDecimal number(double v) {
        BigDecimal b = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    private static ObjectNode langs(Map<String, String> byLang) {
        ObjectNode o = JSON.createObjectNode();
        byLang.forEach(o::put);
        return o;
    }

    private static String query(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> {
            if (b.length() > 0) b.append('&');
            b.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        });
        return b.toString();
    }
}
