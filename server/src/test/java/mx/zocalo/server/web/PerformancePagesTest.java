package mx.zocalo.server.web;

import static mx.zocalo.server.web.BundledPortal.graph;
import static mx.zocalo.server.web.BundledPortal.sparql;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.performance.GoalResult;
import mx.zocalo.server.performance.MeasureResult;
import mx.zocalo.server.performance.Observation;
import mx.zocalo.server.performance.PerformanceService;
import mx.zocalo.server.table.TableService;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The performance pages over the bundled datasets and the demo goals of {@code ../performance}, in a real TDB2 store
 * behind a real server: the figures and badges shown equal what a {@link PerformanceService} of its own computes over
 * the same store, the crime goal's yearly values equal an independent SPARQL sum, the SPARQL workbench link of a measure
 * gives the shown number when run, the datasets are linked, both languages, the embed may be framed and the page not.
 */
class PerformancePagesTest {
    static final String CRIMES = "/performance/delitos-nuevo-leon";
    static TestPortal portal;
    static PerformanceService service;
    static final Templates TEMPLATES = new Templates();

    @BeforeAll
    static void start() {
        portal = BundledPortal.get();
        service = PerformanceService.builder(TableService.builder(portal.store, portal.iris).build(), TestPortal.PERFORMANCE).build();
    }

    @Test
    void the_index_shows_every_goal_by_category_with_the_services_headline_figure_status_and_trend() throws Exception {
        List<GoalResult> goals = service.goals();
        assertThat(goals).hasSizeGreaterThanOrEqualTo(2);
        for (String lang : List.of("es", "en")) {
            String body = ok(portal.get("/performance?lang=" + lang, "text/html"));
            Map<String, String> msg = TEMPLATES.messages(lang);
            assertThat(body).contains(msg.get("performance.illustrative"));
            for (String c : service.categories()) assertThat(body).contains("id=\"category-" + c + "\">" + msg.get("performance.category." + c) + "<");
            for (GoalResult g : goals) {
                String card = between(body, "data-goal=\"" + g.id() + "\"", "</li>");
                assertThat(card).contains("href=\"/performance/" + g.id() + "\"").contains(g.goal().title(lang));
                Observation latest = g.headline().orElseThrow().latest().orElseThrow();
                assertThat(new BigDecimal(attr(card, "data class=\"perf-value\" value"))).as(g.id())
                        .isEqualByComparingTo(BigDecimal.valueOf(latest.value()));
                assertThat(card).contains("perf-badge perf-" + g.status().word())
                        .contains("<span class=\"perf-badge-text\">" + msg.get("performance.status." + g.status().word()) + "</span>")
                        .contains(msg.get(switch (g.headline().orElseThrow().trend()) {
                            case 1 -> "performance.trend.up"; case -1 -> "performance.trend.down"; default -> "performance.trend.flat"; }))
                        .contains("<svg class=\"sparkline\"");
            }
        }
    }

    @Test
    void the_crime_goals_yearly_values_equal_the_service_and_an_independent_sparql_sum() throws Exception {
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (Binding b : sparql(portal, "SELECT ?y (SUM(?n) AS ?s) WHERE { GRAPH " + graph("incidencia-delictiva-estatal") + " {"
                + " ?r zoc:anio ?y ; zoc:entidadFederativa ?e ; zoc:incidenciasAnio ?n . ?e rdfs:label \"NUEVO LEON\"@es } } GROUP BY ?y")) {
            expected.put(lex(b, "y"), new BigDecimal(lex(b, "s")));
        }
        assertThat(expected).containsKeys("2010", "2014");
        MeasureResult crimes = service.goal("delitos-nuevo-leon").orElseThrow().measure("delitos").orElseThrow();
        String body = ok(portal.get(CRIMES + "?lang=en", "text/html"));
        String section = between(body, "id=\"measure-delitos\"", "</section>");
        Map<String, BigDecimal> shown = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<tr data-period=\"([^\"]+)\"><th scope=\"row\">[^<]*</th><td class=\"number\">(?:<data value=\"([^\"]+)\">)?").matcher(section);
        while (m.find()) if (m.group(2) != null) shown.put(m.group(1), new BigDecimal(m.group(2)));
        Map<String, BigDecimal> fromService = new LinkedHashMap<>();
        for (Observation o : crimes.series()) if (o.hasValue()) fromService.put(o.period().label(), BigDecimal.valueOf(o.value()));
        assertThat(shown).hasSize(5).hasSameSizeAs(fromService);
        shown.forEach((period, v) -> {
            assertThat(v).as(period + " against the service").isEqualByComparingTo(fromService.get(period));
            assertThat(v).as(period + " against SPARQL").isEqualByComparingTo(expected.get(period));
        });
        // the latest figure, its period, its badge; the baseline and the target in words
        Observation latest = crimes.latest().orElseThrow();
        assertThat(new BigDecimal(attr(section, "data class=\"perf-value\" value"))).isEqualByComparingTo(expected.get(latest.period().label()));
        assertThat(section).contains("data-period=\"" + latest.period().label() + "\"")
                .contains("<span class=\"perf-badge-text\">" + TEMPLATES.messages("en").get("performance.status." + latest.status().word()) + "</span>")
                .contains("Baseline: " + PerformanceFigures.number(expected.get("2010").doubleValue(), "en") + " crimes in 2010")
                .contains("below " + PerformanceFigures.number(expected.get("2010").doubleValue() * 0.9, "en") + " crimes");
    }

    @Test
    void the_sparql_workbench_link_of_a_measure_gives_the_number_shown_when_run() throws Exception {
        String body = ok(portal.get(CRIMES, "text/html"));
        String section = between(body, "id=\"measure-delitos\"", "</section>");
        String href = attr(section, "a class=\"perf-sparql\" href").replace("&amp;", "&");
        assertThat(href).startsWith("/sparql?query=");
        String query = URLDecoder.decode(href.substring("/sparql?query=".length()), StandardCharsets.UTF_8);
        String period = attr(section, "data-period");
        BigDecimal shown = new BigDecimal(attr(section, "data class=\"perf-value\" value"));
        HttpResponse<String> r = portal.get("/sparql?query=" + TestPortal.enc(query), "application/sparql-results+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var answer = BundledPortal.JSON.readTree(r.body());
        var rows = answer.path("results").path("bindings");
        String periodVar = answer.path("head").path("vars").get(0).asText(); // the period column, as the query names it
        assertThat(periodVar).isNotEqualTo("value");
        List<BigDecimal> found = new ArrayList<>();
        for (var row : rows) if (row.path(periodVar).path("value").asText().equals(period)) found.add(new BigDecimal(row.path("value").path("value").asText()));
        assertThat(found).as("the row of " + period + " in " + rows).hasSize(1);
        assertThat(found.get(0)).isEqualByComparingTo(shown);
        // and the row API link answers too
        String api = attr(section, "a class=\"perf-api\" href").replace("&amp;", "&");
        assertThat(portal.get(api, "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void a_goal_page_links_its_datasets_says_when_it_was_updated_and_that_targets_are_illustrative_in_both_languages() throws Exception {
        GoalResult g = service.goal("accidentes-nuevo-leon").orElseThrow();
        for (String lang : List.of("es", "en")) {
            Map<String, String> msg = TEMPLATES.messages(lang);
            String body = ok(portal.get("/performance/" + g.id() + "?lang=" + lang, "text/html"));
            assertThat(body).contains("<h1>" + g.goal().title(lang) + "</h1>").contains(g.goal().narrative(lang))
                    .contains(msg.get("performance.illustrative")).contains(msg.get("performance.lastUpdated"))
                    .containsPattern("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\" class=\"perf-updated\">[^<]*\\d{4}[^<]* UTC</time>");
            for (String slug : g.datasets()) {
                assertThat(body).contains("<a href=\"/dataset/" + slug + "\">");
                assertThat(portal.get("/dataset/" + slug, "text/html").statusCode()).isEqualTo(200);
            }
            for (MeasureResult m : g.measures()) {
                String section = between(body, "id=\"measure-" + m.id() + "\"", "</section>");
                assertThat(section).contains(m.measure().title(lang)).contains("class=\"perf-chart\"").contains("<table class=\"perf-table\">")
                        .contains(msg.get("performance.summaryHeading"));
                for (Observation o : m.series()) {
                    assertThat(section).contains("<tr data-period=\"" + o.period().label() + "\"><th scope=\"row\">"
                            + PerformanceFigures.period(o.period(), lang) + "</th>");
                }
            }
        }
        // months without a year are named, not coded
        assertThat(ok(portal.get("/performance/" + g.id() + "?lang=en", "text/html"))).contains("<th scope=\"row\">March</th>");
        assertThat(ok(portal.get("/performance/" + g.id(), "text/html", "es"))).contains("<th scope=\"row\">marzo</th>");
    }

    @Test
    void a_goal_measured_per_state_is_shown_for_the_state_chosen_in_the_url_or_for_all() throws Exception {
        GoalResult g = service.goals().stream().filter(r -> r.measures().stream().anyMatch(m -> !m.members().isEmpty())).findFirst().orElseThrow();
        MeasureResult m = g.measures().stream().filter(x -> !x.members().isEmpty()).findFirst().orElseThrow();
        // Nuevo León is state 19 of INEGI's codes; its name is the one the places dataset gives it
        String key = m.members().keySet().stream().filter(k -> k.endsWith("/19")).findFirst().orElseThrow();
        String label = lex(sparql(portal, "SELECT ?l WHERE { GRAPH ?g { <" + key + "> rdfs:label ?l } }").get(0), "l");
        assertThat(label).isEqualTo("Nuevo León");
        String path = "/performance/" + g.id();
        String all = ok(portal.get(path + "?lang=en", "text/html"));
        assertThat(all).contains("<option value=\"\" selected>All (total)</option>").contains("<option value=\"Nuevo León\">Nuevo León</option>");
        assertThat(count(between(all, "<select id=\"perf-member\"", "</select>"), "<option ")).isEqualTo(m.members().size() + 1);
        assertThat(new BigDecimal(attr(between(all, "id=\"measure-" + m.id() + "\"", "</section>"), "data class=\"perf-value\" value")))
                .isEqualByComparingTo(BigDecimal.valueOf(m.latest().orElseThrow().value()));
        String one = ok(portal.get(path + "?lang=en&member=" + TestPortal.enc(label), "text/html"));
        assertThat(one).contains("<option value=\"" + label + "\" selected>" + label + "</option>");
        String section = between(one, "id=\"measure-" + m.id() + "\"", "</section>");
        assertThat(section).contains(m.measure().title("en") + " · " + label);
        Observation latest = PerformanceFigures.latest(m.series(key));
        assertThat(new BigDecimal(attr(section, "data class=\"perf-value\" value"))).isEqualByComparingTo(BigDecimal.valueOf(latest.value()));
        assertThat(latest.value()).isNotEqualTo(m.latest().orElseThrow().value());
        for (Observation o : m.series(key)) {
            if (o.hasValue()) assertThat(section).contains("<tr data-period=\"" + o.period().label() + "\"><th scope=\"row\">" + o.period().label()
                    + "</th><td class=\"number\"><data value=\"" + o.value() + "\">");
        }
        // the member's key works too, and the embed keeps the choice
        assertThat(ok(portal.get(path + "?lang=en&member=" + TestPortal.enc(key), "text/html"))).contains("<option value=\"" + label + "\" selected>");
        assertThat(one).contains("embed/performance/" + g.id() + "?member=" + java.net.URLEncoder.encode(label, StandardCharsets.UTF_8));
    }

    @Test
    void the_site_header_and_home_page_link_the_dashboards() throws Exception {
        assertThat(ok(portal.get("/?lang=en", "text/html"))).contains("<a href=\"/performance\">Performance</a>")
                .contains("See the performance dashboards");
        assertThat(ok(portal.get("/catalog", "text/html", "es"))).contains("<a href=\"/performance\">Desempeño</a>");
    }

    @Test
    void only_the_embed_may_be_framed_and_it_has_the_charts_without_the_site_header() throws Exception {
        HttpResponse<String> page = portal.get(CRIMES, "text/html");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("&lt;iframe src=\"" + TestPortal.BASE + "embed/performance/delitos-nuevo-leon\"");
        HttpResponse<String> embed = portal.get("/embed" + CRIMES + "?lang=en", "text/html");
        assertThat(embed.statusCode()).isEqualTo(200);
        assertThat(embed.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(embed.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors *");
        assertThat(embed.body()).doesNotContain("<header class=\"site\">").contains("class=\"perf-chart\"")
                .contains("<table class=\"perf-table\">").contains(TEMPLATES.messages("en").get("performance.illustrative"));
    }

    @Test
    void an_unknown_goal_is_a_404_and_an_unknown_member_a_400_naming_it() throws Exception {
        assertThat(portal.get("/performance/no-such-goal", "text/html").statusCode()).isEqualTo(404);
        HttpResponse<String> r = portal.get(CRIMES + "?lang=en&member=Atlantis", "text/html");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("member").contains("Atlantis");
    }

    private static String ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The text from {@code start} to the next {@code end}. */
    static String between(String s, String start, String end) {
        int i = s.indexOf(start);
        assertThat(i).as("'" + start + "' in the page").isGreaterThanOrEqualTo(0);
        int j = s.indexOf(end, i);
        return s.substring(i, j < 0 ? s.length() : j);
    }

    /** The value of the first {@code name="..."} (name may include the element's start). */
    static String attr(String s, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "=\"([^\"]*)\"").matcher(s);
        assertThat(m.find()).as(name + " in " + s.substring(0, Math.min(300, s.length()))).isTrue();
        return m.group(1);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    private static String lex(Binding b, String var) {
        return b.get(Var.alloc(var)).getLiteralLexicalForm();
    }
}
