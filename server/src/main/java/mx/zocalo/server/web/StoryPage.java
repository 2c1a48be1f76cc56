package mx.zocalo.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.Row;
import mx.zocalo.server.table.RowResult;
import mx.zocalo.server.table.Table;
import mx.zocalo.server.table.TableService;

/**
 * The story page of a dataset that declares one, {@code /dataset/{slug}/story}: the views whose {@code story:} is
 * {@code share} (a treemap of the parts of a whole, with their parts), {@code change} (the plan against the reality per
 * part, as diverging bars) and {@code trend} (each part over the periods). The share view's single-valued {@code eq.}
 * filters (the year, the budget stage) become the page's form: {@code ?eq.ejercicio_fiscal=2020}; a choice replaces the
 * filter of the same column in every panel. Rendered on the server with its summaries and data tables; {@code money.js}
 * draws the charts from the numbers the page carries. Every number comes from {@link TableService}.
 */
final class StoryPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TableService tables;
    private final CatalogService catalog;
    private final DatasetViews views;
    private final Templates templates;

    StoryPage(TableService tables, CatalogService catalog, DatasetViews views, Templates templates) {
        this.tables = tables;
        this.catalog = catalog;
        this.views = views;
        this.templates = templates;
    }

    /** A choice of the form: the column, its label, the values it may take, the one chosen. */
    record Choice(String param, String label, List<Option> options, String chosen) {
        record Option(String value, String label, boolean selected) {}
    }

    void page(Context ctx) {
        String slug = ctx.pathParam("slug");
        if (!catalog.hasDataset(slug)) throw new NotFoundResponse("No dataset called '" + slug + "'");
        String lang = PageLanguage.of(ctx);
        Map<String, String> msg = templates.messages(lang);
        List<DatasetViews.View> all = views.of(slug, lang);
        DatasetViews.View share = panel(all, "share");
        DatasetViews.View change = panel(all, "change");
        DatasetViews.View trend = panel(all, "trend");
        if (share == null && change == null && trend == null) throw new NotFoundResponse("The dataset '" + slug + "' declares no story");
        List<Table> model = tables.tables(slug);
        List<Choice> choices = choices(ctx, slug, model, share != null ? share : change != null ? change : trend, lang, msg);
        Map<String, Object> page = Pages.base(ctx, lang);
        CatalogService.DatasetDetail detail = catalog.dataset(slug, lang).orElseThrow(() -> new NotFoundResponse("No dataset"));
        page.put("s", detail.summary());
        page.put("publisherHomepage", detail.publisherHomepage());
        page.put("choices", choices);
        page.put("action", "/dataset/" + slug + "/story");
        ObjectNode data = JSON.createObjectNode();
        data.put("lang", lang);
        List<Map<String, Object>> panels = new ArrayList<>();
        if (share != null) {
            Panel p = run(slug, model, share, choices);
            StoryPanels.Share s = StoryPanels.share(p.result(), lang, msg, p.chosen());
            data.put("shareName", p.chosen().isEmpty() ? msg.get("story.total") : p.chosen());
            ArrayNode tree = data.putArray("share");
            for (StoryPanels.Part part : s.parts()) tree.add(node(part));
            panels.add(panel("share", share, p, s.summary(), header(p, lang, msg, "share", null), s.table()));
        }
        if (change != null) {
            Panel p = run(slug, model, change, choices);
            List<String> stages = ExplorerViews.parse(change.explore()).getOrDefault("eq." + p.state().groups().get(1), List.of());
            String planned = stages.isEmpty() ? "" : stages.get(0);
            String actual = stages.size() < 2 ? "" : stages.get(1);
            StoryPanels.Change c = StoryPanels.change(p.result(), planned, actual,
                    List.of(valueLabel(planned, msg), valueLabel(actual, msg)), lang, msg, p.chosen());
            ArrayNode items = data.putArray("change");
            for (StoryPanels.Change.Item i : c.items()) {
                ObjectNode n = items.addObject();
                n.put("name", i.name());
                n.put("planned", i.planned());
                n.put("actual", i.actual());
                n.put("difference", i.difference());
                if (i.percent() != null) n.put("percent", i.percent());
            }
            data.put("planned", valueLabel(planned, msg));
            data.put("actual", valueLabel(actual, msg));
            panels.add(panel("change", change, p, c.summary(), header(p, lang, msg, "change", List.of(valueLabel(planned, msg), valueLabel(actual, msg))), c.table()));
        }
        if (trend != null) {
            Panel p = run(slug, model, trend, choices);
            StoryPanels.Trend t = StoryPanels.trend(p.result(), lang, msg, p.chosen());
            ObjectNode n = data.putObject("trend");
            ArrayNode periods = n.putArray("periods");
            t.periods().forEach(periods::add);
            ArrayNode series = n.putArray("series");
            for (StoryPanels.Trend.Series s : t.series()) {
                ObjectNode o = series.addObject();
                o.put("name", s.name());
                ArrayNode vs = o.putArray("values");
                s.values().forEach(v -> { if (v == null) vs.addNull(); else vs.add(v); });
            }
            List<String> head = new ArrayList<>(List.of(p.state().groups().isEmpty() ? "" : columnLabel(model, p.state().groups().get(0), lang)));
            head.addAll(t.periods());
            panels.add(panel("trend", trend, p, t.summary(), head, t.table()));
        }
        // the panels in the order dataset.yaml declares their views; its other views listed after them
        panels.sort(java.util.Comparator.comparingInt(m -> ((DatasetViews.View) m.get("view")).order()));
        page.put("panels", panels);
        List<DatasetViews.View> shown = java.util.stream.Stream.of(share, change, trend).filter(java.util.Objects::nonNull).toList();
        page.put("otherViews", all.stream().filter(v -> !shown.contains(v)).toList());
        try {
            page.put("storyData", JSON.writeValueAsString(data).replace("<", "\\u003c"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Templates.send(ctx, templates.render("story", lang, page));
    }

    /** A panel's view run with the page's choices: the explorer state, its answer, the choices it took (as text). */
    private record Panel(ExplorerViews.State state, RowResult result, String chosen) {}

    private Panel run(String slug, List<Table> model, DatasetViews.View view, List<Choice> choices) {
        Map<String, List<String>> params = ExplorerViews.parse(view.explore());
        List<String> took = new ArrayList<>();
        for (Choice c : choices) {
            List<String> current = params.get(c.param());
            if (current != null && current.size() == 1) {
                params.put(c.param(), List.of(c.chosen()));
                took.add(c.options().stream().filter(Choice.Option::selected).map(Choice.Option::label).findFirst().orElse(c.chosen()));
            }
        }
        ExplorerViews.State state = ExplorerViews.read(model, ExplorerRequest.query(params));
        RowResult r = tables.query(slug, state.query().toBuilder().limit(tables.maxRows()).build());
        return new Panel(state, r, String.join(" · ", took));
    }

    private static Map<String, Object> panel(String kind, DatasetViews.View view, Panel p, String summary, List<String> header,
                                             List<StoryPanels.TableRow> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("view", view);
        m.put("summary", summary);
        m.put("header", header);
        m.put("rows", rows);
        String slug = view.exploreLink().substring("/dataset/".length(), view.exploreLink().indexOf("/explore"));
        m.put("exploreLink", "/dataset/" + slug + "/explore?" + p.state().explore());
        m.put("sparqlLink", "/sparql?query=" + java.net.URLEncoder.encode(p.result().query().sparql(), java.nio.charset.StandardCharsets.UTF_8));
        m.put("apiLink", "/api/datasets/" + slug + "/rows?" + p.state().soql());
        return m;
    }

    private static List<String> header(Panel p, String lang, Map<String, String> msg, String kind, List<String> stages) {
        List<String> h = new ArrayList<>();
        if (kind.equals("share")) {
            for (String g : p.state().groups()) h.add(columnLabel(p.result().query().table(), g, lang));
            h.add(msg.get("story.amount"));
            h.add(msg.get("story.shareOfTotal"));
        } else {
            h.add(columnLabel(p.result().query().table(), p.state().groups().get(0), lang));
            h.addAll(stages);
            h.add(msg.get("story.difference"));
            h.add(msg.get("story.differencePercent"));
        }
        return h;
    }

    private static String columnLabel(Table table, String name, String lang) {
        return table.column(name).map(c -> c.label(lang)).orElse(name);
    }

    private static String columnLabel(List<Table> model, String name, String lang) {
        return columnLabel(model.get(0), name, lang);
    }

    /** The form's choices: the single-valued {@code eq.} filters of the first panel's view, with the values each column has. */
    private List<Choice> choices(Context ctx, String slug, List<Table> model, DatasetViews.View first, String lang, Map<String, String> msg) {
        List<Choice> out = new ArrayList<>();
        Map<String, List<String>> params = ExplorerViews.parse(first.explore());
        Table table = model.get(0);
        for (var e : params.entrySet()) {
            if (!e.getKey().startsWith("eq.") || e.getValue().size() != 1) continue;
            String column = e.getKey().substring(3);
            Column c = table.column(column).orElse(null);
            if (c == null) continue;
            ExplorerViews.State values = ExplorerViews.read(model, "group=" + ExplorerRequest.enc(column) + "&sort=" + ExplorerRequest.enc(column));
            RowResult r = tables.query(slug, values.query().toBuilder().limit(tables.maxRows()).build());
            List<String> vs = new ArrayList<>();
            for (Row row : r.rows()) if (row.values().get(0) != null) vs.add(StoryPanels.text(row.values().get(0)));
            String asked = ctx.queryParam(e.getKey());
            String chosen = asked != null && vs.contains(asked.trim()) ? asked.trim() : e.getValue().get(0);
            if (asked != null && !asked.isBlank() && !vs.contains(asked.trim())) {
                throw ExplorerRequest.bad("story.error.choice", e.getKey(), Map.of("value", asked, "choices", String.join(", ", vs)));
            }
            List<Choice.Option> options = new ArrayList<>();
            for (String v : vs) options.add(new Choice.Option(v, valueLabel(v, msg), v.equals(chosen)));
            out.add(new Choice(e.getKey(), c.label(lang), options, chosen));
        }
        return out;
    }

    /** A value as the reader's language names it when the messages know it ({@code story.value.Ejercicio}: Spent). */
    private static String valueLabel(String v, Map<String, String> msg) {
        return msg.getOrDefault("story.value." + v, v);
    }

    private static DatasetViews.View panel(List<DatasetViews.View> all, String kind) {
        return all.stream().filter(v -> kind.equals(v.story())).findFirst().orElse(null);
    }

    private static ObjectNode node(StoryPanels.Part p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", p.name());
        n.put("value", p.value());
        if (!p.children().isEmpty()) {
            ArrayNode c = n.putArray("children");
            for (StoryPanels.Part child : p.children()) c.add(node(child));
        }
        return n;
    }
}
