package mx.zocalo.server.web;

import static mx.zocalo.server.web.BundledPortal.graph;
import static mx.zocalo.server.web.BundledPortal.sparql;
import static mx.zocalo.server.web.ExplorerTest.lex;
import static mx.zocalo.server.web.ExplorerTest.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Charts over the bundled datasets: the numbers each kind of chart draws (bars, a line over years, a pie, stacked bars
 * and a treemap of two groups, a scatter of rows) compared with SPARQL written by hand and sent to {@code /sparql};
 * the explorer's link to its chart, the CSV behind a chart, framing allowed only for {@code /embed/}, errors.
 */
class ChartTest {
    static TestPortal portal;
    static final String CP = "/dataset/cuenta-publica/chart";
    static final String IDE = "/dataset/incidencia-delictiva-estatal/chart";
    static final String LOC = "/dataset/localidades-nuevo-leon/chart";
    static final String BUDGET = "?a a zoc:AsignacionPresupuestal ";

    @BeforeAll
    static void publish() {
        assumeTrue(Files.isDirectory(BundledPortal.MAPPINGS), "no ../mappings folder");
        portal = BundledPortal.get();
    }

    static String page(String path, String lang) throws Exception {
        HttpResponse<String> r = portal.get(path, "text/html", lang);
        assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(200);
        return r.body();
    }

    /** What the page gives {@code chart.js} to draw. */
    static JsonNode spec(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"chart-spec\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("a chart to draw in\n" + html).isTrue();
        return BundledPortal.JSON.readTree(m.group(1));
    }

    static String summary(String html) {
        Matcher m = Pattern.compile("id=\"chart-summary\"><strong>[^<]*</strong> ([^<]*)</p>").matcher(html);
        assertThat(m.find()).as("a summary in\n" + html).isTrue();
        return m.group(1).replace("&amp;", "&").replace("&#39;", "'");
    }

    /** Category → value of the first series. */
    static Map<String, BigDecimal> bars(JsonNode spec) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        JsonNode values = spec.path("series").get(0).path("values");
        for (int i = 0; i < spec.path("categories").size(); i++) {
            out.put(spec.path("categories").get(i).asText(), values.get(i).isNull() ? null : values.get(i).decimalValue());
        }
        return out;
    }

    @Test
    void bars_of_a_sum_per_branch_equal_sparql_largest_first_said_in_words() throws Exception {
        String html = page(q(CP, "group", "ramo", "agg", "sum", "of", "monto_total", "eq.ejercicio_fiscal", "2023",
                "eq.etapa_presupuestal", "Aprobado"), "en");
        JsonNode spec = spec(html);
        assertThat(spec.path("type").asText()).as("long labels: horizontal bars").isEqualTo("hbar");
        assertThat(spec.path("unit").asText()).isEqualTo("money");
        Map<String, BigDecimal> expected = new HashMap<>();
        String top = null;
        for (Binding b : sparql(portal, "SELECT ?l (SUM(?m) AS ?s) WHERE { GRAPH " + graph("cuenta-publica") + " { " + BUDGET
                + "; zoc:ejercicioFiscal \"2023\"^^xsd:gYear ; zoc:etapaPresupuestal \"Aprobado\"@es ; zoc:ramo ?r ; zoc:montoTotal ?m ."
                + " ?r rdfs:label ?l } } GROUP BY ?l ORDER BY DESC(?s)")) {
            expected.put(lex(b, "l"), new BigDecimal(lex(b, "s")));
            if (top == null) top = lex(b, "l");
        }
        Map<String, BigDecimal> drawn = bars(spec);
        assertThat(drawn).hasSameSizeAs(expected);
        drawn.forEach((k, v) -> assertThat(v).as(k).isEqualByComparingTo(expected.get(k)));
        List<BigDecimal> values = new ArrayList<>(drawn.values());
        for (int i = 1; i < values.size(); i++) assertThat(values.get(i)).isLessThanOrEqualTo(values.get(i - 1));
        assertThat(summary(html)).startsWith(expected.size() + " parts. Largest: " + top + ", with $")
                .contains("Total: $").contains(" trillion");
        assertThat(html).contains("Source: <a href=\"/dataset/cuenta-publica\">").contains("Secretaría de Hacienda y Crédito Público");
        // Spanish: the same chart in millions and billones
        assertThat(summary(page(q(CP, "group", "ramo", "agg", "sum", "of", "monto_total", "eq.ejercicio_fiscal", "2023",
                "eq.etapa_presupuestal", "Aprobado"), "es"))).contains("Mayor: " + top + ", con $").contains(" billones");
    }

    @Test
    void a_line_over_years_equals_sparql_and_breaks_where_years_are_missing() throws Exception {
        JsonNode spec = spec(page(q(IDE, "group", "anio", "agg", "sum", "of", "incidencias_anio"), "en"));
        assertThat(spec.path("type").asText()).as("a year column: a line").isEqualTo("line");
        assertThat(spec.path("period").asText()).isEqualTo("year");
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (Binding b : sparql(portal, "SELECT ?y (SUM(?n) AS ?s) WHERE { GRAPH " + graph("incidencia-delictiva-estatal")
                + " { ?r a zoc:RegistroIncidencia ; zoc:anio ?y ; zoc:incidenciasAnio ?n } } GROUP BY ?y ORDER BY ?y")) {
            expected.put(lex(b, "y") + "-01-01", new BigDecimal(lex(b, "s")));
        }
        Map<String, BigDecimal> drawn = bars(spec);
        assertThat(drawn.keySet()).containsExactlyElementsOf(expected.keySet());
        drawn.forEach((k, v) -> assertThat(v).as(k).isEqualByComparingTo(expected.get(k)));

        // two years far apart: the years between are on the axis, without a value
        String gap = page(q(IDE, "group", "anio", "agg", "sum", "of", "incidencias_anio", "eq.anio", "1997", "eq.anio", "2000"), "en");
        Map<String, BigDecimal> two = bars(spec(gap));
        assertThat(two.keySet()).containsExactly("1997-01-01", "1998-01-01", "1999-01-01", "2000-01-01");
        assertThat(two.get("1998-01-01")).isNull();
        assertThat(two.get("1999-01-01")).isNull();
        assertThat(two.get("2000-01-01")).isEqualByComparingTo(expected.get("2000-01-01"));
        assertThat(summary(gap)).startsWith("4 periods, from 1997 to 2000. 2 periods without data");
    }

    @Test
    void a_pie_of_counts_equals_sparql_and_more_than_seven_parts_suggest_bars() throws Exception {
        String html = page(q(CP, "type", "pie", "group", "etapa_presupuestal"), "en");
        JsonNode spec = spec(html);
        assertThat(spec.path("type").asText()).isEqualTo("pie");
        Map<String, BigDecimal> expected = new HashMap<>();
        for (Binding b : sparql(portal, "SELECT ?e (COUNT(?a) AS ?n) WHERE { GRAPH " + graph("cuenta-publica") + " { " + BUDGET
                + "; zoc:etapaPresupuestal ?e } } GROUP BY ?e")) {
            expected.put(lex(b, "e"), new BigDecimal(lex(b, "n")));
        }
        Map<String, BigDecimal> drawn = bars(spec);
        assertThat(drawn).hasSameSizeAs(expected).hasSizeLessThanOrEqualTo(7);
        drawn.forEach((k, v) -> assertThat(v).as(k).isEqualByComparingTo(expected.get(k)));

        String empty = page(q(CP, "group", "ramo", "eq.ejercicio_fiscal", "1900"), "en");
        assertThat(empty).doesNotContain("id=\"chart-spec\"");
        assertThat(summary(empty)).isEqualTo("No row meets these filters: there is nothing to chart.");

        String many = page(q(CP, "type", "pie", "group", "ramo"), "en");
        assertThat(many).doesNotContain("id=\"chart-spec\"").contains("A pie chart reads well with 7 parts or fewer")
                .contains("href=\"/dataset/cuenta-publica/chart?group=ramo&amp;type=hbar\"");
        assertThat(summary(many)).contains(" parts. Largest: ");
    }

    @Test
    void stacked_bars_and_a_treemap_of_two_groups_equal_sparql() throws Exception {
        Map<String, Map<String, BigDecimal>> expected = new HashMap<>();
        for (Binding b : sparql(portal, "SELECT ?y ?e (SUM(?m) AS ?s) WHERE { GRAPH " + graph("cuenta-publica") + " { " + BUDGET
                + "; zoc:ejercicioFiscal ?y ; zoc:etapaPresupuestal ?e ; zoc:montoTotal ?m } } GROUP BY ?y ?e")) {
            expected.computeIfAbsent(lex(b, "y"), k -> new HashMap<>()).put(lex(b, "e"), new BigDecimal(lex(b, "s")));
        }
        String[] view = {"group", "ejercicio_fiscal", "group", "etapa_presupuestal", "agg", "sum", "of", "monto_total"};
        assertThat(spec(page(q(CP, view), "en")).path("type").asText()).as("years first: lines").isEqualTo("line");
        JsonNode stacked = spec(page(q(CP, "group", "etapa_presupuestal", "group", "ejercicio_fiscal", "agg", "sum", "of", "monto_total"), "en"));
        assertThat(stacked.path("type").asText()).as("two groups: stacked bars").isEqualTo("stacked");
        assertThat(stacked.path("series")).as("one series a year").hasSize(ChartFigure.MAX_SERIES);
        stacked = spec(page(q(CP, "type", "stacked", "group", "ejercicio_fiscal", "group", "etapa_presupuestal", "agg", "sum", "of", "monto_total"), "en"));
        assertThat(stacked.path("categories").get(0).asText()).as("years in their order").isEqualTo("2013");
        int cells = 0;
        for (JsonNode s : stacked.path("series")) {
            for (int i = 0; i < stacked.path("categories").size(); i++) {
                JsonNode v = s.path("values").get(i);
                BigDecimal want = expected.get(stacked.path("categories").get(i).asText()).get(s.path("name").asText());
                if (want == null) assertThat(v.isNull()).isTrue();
                else {
                    assertThat(v.decimalValue()).isEqualByComparingTo(want);
                    cells++;
                }
            }
        }
        assertThat(cells).isEqualTo(expected.values().stream().mapToInt(Map::size).sum());

        String[] tree = {"type", "treemap", "group", "ejercicio_fiscal", "group", "etapa_presupuestal", "agg", "sum", "of", "monto_total"};
        JsonNode treemap = spec(page(q(CP, tree), "en"));
        assertThat(treemap.path("tree")).hasSize(expected.size());
        for (JsonNode year : treemap.path("tree")) {
            Map<String, BigDecimal> want = expected.get(year.path("name").asText());
            assertThat(year.path("children")).hasSize(want.size());
            for (JsonNode stage : year.path("children")) {
                assertThat(stage.path("value").decimalValue()).isEqualByComparingTo(want.get(stage.path("name").asText()));
            }
        }
    }

    @Test
    void a_scatter_draws_every_row_with_both_numbers_as_sparql_finds_them() throws Exception {
        String html = page(q(LOC, "type", "scatter", "x", "poblacion_total", "y", "hogares", "eq.municipio", "Monterrey"), "en");
        JsonNode spec = spec(html);
        List<Binding> expected = sparql(portal, "SELECT (COUNT(?l) AS ?n) (SUM(?p) AS ?sp) (SUM(?h) AS ?sh) WHERE { GRAPH "
                + graph("localidades-nuevo-leon") + " { ?l a zoc:Localidad ; zoc:poblacionTotal ?p ; zoc:hogares ?h ; zoc:municipio ?m ."
                + " ?m rdfs:label \"Monterrey\"@es } }");
        long n = Long.parseLong(lex(expected.get(0), "n"));
        assertThat(n).isPositive();
        assertThat(spec.path("points")).hasSize((int) n);
        BigDecimal sx = BigDecimal.ZERO;
        BigDecimal sy = BigDecimal.ZERO;
        for (JsonNode p : spec.path("points")) {
            sx = sx.add(p.get(0).decimalValue());
            sy = sy.add(p.get(1).decimalValue());
            assertThat(p.get(2).asText()).as("each point named by its row").endsWith("(Monterrey)");
        }
        assertThat(sx).isEqualByComparingTo(new BigDecimal(lex(expected.get(0), "sp")));
        assertThat(sy).isEqualByComparingTo(new BigDecimal(lex(expected.get(0), "sh")));
        assertThat(summary(html)).startsWith(n + " points.");
    }

    @Test
    void the_explorer_links_its_grouped_view_to_its_chart_and_the_chart_links_its_csv() throws Exception {
        String explore = page(q("/dataset/cuenta-publica/explore", "group", "ramo", "agg", "sum", "of", "monto_total",
                "eq.ejercicio_fiscal", "2022", "size", "25"), "en");
        Matcher link = Pattern.compile("<a href=\"([^\"]+)\" class=\"button chart-link\">Chart this view</a>").matcher(explore);
        assertThat(link.find()).isTrue();
        String chartPath = link.group(1).replace("&amp;", "&");
        assertThat(chartPath).isEqualTo("/dataset/cuenta-publica/chart?eq.ejercicio_fiscal=2022&group=ramo&agg=sum&of=monto_total");
        assertThat(page("/dataset/cuenta-publica/explore", "en")).doesNotContain("chart-link");

        String html = page(chartPath, "en");
        Map<String, BigDecimal> drawn = bars(spec(html));
        Matcher csv = Pattern.compile("<a href=\"([^\"]+)\" download>Download the data \\(CSV\\)</a>").matcher(html);
        assertThat(csv.find()).isTrue();
        HttpResponse<String> r = portal.get(csv.group(1).replace("&amp;", "&"), null, "en");
        assertThat(r.statusCode()).isEqualTo(200);
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().build().parse(new StringReader(r.body())).getRecords();
        assertThat(records).hasSize(drawn.size());
        List<String> order = new ArrayList<>(drawn.keySet());
        for (int i = 0; i < records.size(); i++) {
            CSVRecord rec = records.get(i);
            assertThat(rec.get("ramo.label")).as("the CSV in the chart's order").isEqualTo(order.get(i));
            assertThat(new BigDecimal(rec.get("sum_monto_total"))).isEqualByComparingTo(drawn.get(order.get(i)));
        }
        // the data table behind the chart, in the page (no script needed)
        assertThat(html).contains("<details class=\"chart-data\"").contains("<caption id=\"chart-caption\">");
        assertThat(html).contains("&lt;iframe src=\"" + TestPortal.BASE + "embed/dataset/cuenta-publica/chart?eq.ejercicio_fiscal=2022&amp;group=ramo");
    }

    @Test
    void only_embed_pages_may_be_framed() throws Exception {
        String view = "?group=etapa_presupuestal";
        HttpResponse<String> embed = portal.get("/embed" + CP + view, "text/html", "en");
        assertThat(embed.statusCode()).isEqualTo(200);
        assertThat(embed.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors *");
        assertThat(embed.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(embed.body()).doesNotContain("<header class=\"site\"").contains("id=\"chart-spec\"").contains("id=\"chart-summary\"");
        for (String path : List.of(CP + view, "/dataset/cuenta-publica/explore", "/", "/sparql", "/dataset/cuenta-publica")) {
            HttpResponse<String> r = portal.get(path, "text/html", "en");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(path).contains("frame-ancestors 'none'");
        }
    }

    @Test
    void unknown_datasets_columns_and_types_are_told_on_the_error_page() throws Exception {
        HttpResponse<String> none = portal.get("/dataset/no-existe/chart?group=x", "text/html", "en");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("<header class=\"site\"");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(q(CP, "group", "ramo", "type", "radar"), "bar, hbar, stacked, line, pie, donut, treemap, scatter");
        bad.put(q(CP, "group", "nada"), "nada");
        bad.put(q(CP, "type", "bar"), "group=COLUMN");
        bad.put(q(LOC, "type", "scatter", "x", "poblacion_total"), "y=COLUMN");
        bad.put(q(LOC, "type", "scatter", "x", "poblacion_total", "y", "municipio"), "municipio is not a number column");
        bad.put(q("/embed" + CP, "group", "ramo", "type", "radar"), "radar");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> r = portal.get(e.getKey(), "text/html", "en");
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(r.body()).as(e.getKey()).contains(e.getValue()).contains("<header class=\"site\"");
        }
    }
}
