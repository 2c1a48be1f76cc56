package mx.zocalo.server.web;

import static mx.zocalo.server.web.BundledPortal.graph;
import static mx.zocalo.server.web.BundledPortal.sparql;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The story page of the spending dataset ({@code /dataset/cuenta-publica/story}) on the real data: the numbers of each
 * panel (the treemap's parts, the approved-against-spent differences, each branch over the years) equal independent
 * SPARQL sums over the dataset's graph, for a year and stage chosen in the URL; the page carries its summaries, data
 * tables and links without script; a wrong choice is a 400 naming it.
 */
class StoryPageTest {
    static final String STORY = "/dataset/cuenta-publica/story";
    static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = BundledPortal.get();
    }

    @Test
    void the_treemap_parts_equal_sparql_sums_by_body_and_branch_for_the_chosen_year_and_stage() throws Exception {
        JsonNode data = data(STORY + "?eq.ejercicio_fiscal=2020&eq.etapa_presupuestal=Modificado");
        Map<String, BigDecimal> shown = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode body : data.path("share")) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode branch : body.path("children")) {
                shown.merge(body.path("name").asText() + " / " + branch.path("name").asText(), branch.path("value").decimalValue(), BigDecimal::add);
                sum = sum.add(branch.path("value").decimalValue());
            }
            assertThat(body.path("value").decimalValue()).as(body.path("name").asText()).isEqualByComparingTo(sum);
            total = total.add(sum);
        }
        Map<String, BigDecimal> expected = new TreeMap<>();
        BigDecimal expectedTotal = BigDecimal.ZERO;
        for (Binding b : sparql(portal, "SELECT ?ente ?ramo (SUM(?t) AS ?s) WHERE { GRAPH " + graph("cuenta-publica") + " {"
                + " ?a a zoc:AsignacionPresupuestal ; zoc:ejercicioFiscal \"2020\"^^xsd:gYear ; zoc:etapaPresupuestal \"Modificado\"@es ;"
                + " zoc:ente ?e ; zoc:ramo ?r ; zoc:montoTotal ?t . ?e rdfs:label ?ente . ?r rdfs:label ?ramo } } GROUP BY ?ente ?ramo")) {
            BigDecimal s = new BigDecimal(lex(b, "s"));
            expected.put(lex(b, "ente") + " / " + lex(b, "ramo"), s);
            expectedTotal = expectedTotal.add(s);
        }
        assertThat(shown.keySet()).isEqualTo(expected.keySet());
        assertThat(expected).hasSizeGreaterThan(30);
        shown.forEach((k, v) -> assertThat(v).as(k).isEqualByComparingTo(expected.get(k)));
        assertThat(total).isEqualByComparingTo(expectedTotal);
    }

    @Test
    void the_differences_between_approved_and_spent_equal_sparql_for_the_chosen_year() throws Exception {
        JsonNode data = data(STORY + "?eq.ejercicio_fiscal=2018&eq.etapa_presupuestal=Ejercicio");
        Map<String, BigDecimal[]> expected = new HashMap<>();
        for (Binding b : sparql(portal, "SELECT ?ramo ?etapa (SUM(?t) AS ?s) WHERE { GRAPH " + graph("cuenta-publica") + " {"
                + " ?a a zoc:AsignacionPresupuestal ; zoc:ejercicioFiscal \"2018\"^^xsd:gYear ; zoc:etapaPresupuestal ?etapa ;"
                + " zoc:ramo ?r ; zoc:montoTotal ?t . ?r rdfs:label ?ramo FILTER(?etapa IN (\"Aprobado\"@es, \"Ejercicio\"@es)) } }"
                + " GROUP BY ?ramo ?etapa")) {
            BigDecimal[] pair = expected.computeIfAbsent(lex(b, "ramo"), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            pair[lex(b, "etapa").equals("Aprobado") ? 0 : 1] = new BigDecimal(lex(b, "s"));
        }
        JsonNode items = data.path("change");
        assertThat(items.size()).isEqualTo(expected.size()).isGreaterThan(30);
        BigDecimal previous = null;
        for (JsonNode i : items) {
            BigDecimal[] pair = expected.get(i.path("name").asText());
            assertThat(pair).as(i.path("name").asText()).isNotNull();
            assertThat(i.path("planned").decimalValue()).isEqualByComparingTo(pair[0]);
            assertThat(i.path("actual").decimalValue()).isEqualByComparingTo(pair[1]);
            assertThat(i.path("difference").decimalValue()).isEqualByComparingTo(pair[1].subtract(pair[0]));
            if (pair[0].signum() != 0) {
                double pct = pair[1].subtract(pair[0]).doubleValue() * 100 / pair[0].doubleValue();
                assertThat(i.path("percent").asDouble()).isCloseTo(pct, org.assertj.core.data.Offset.offset(1e-6));
            }
            // sorted: the largest overspend first, the largest underspend last (diverging bars)
            if (previous != null) assertThat(i.path("difference").decimalValue()).isLessThanOrEqualTo(previous);
            previous = i.path("difference").decimalValue();
        }
    }

    @Test
    void each_branch_over_the_years_equals_sparql_for_the_chosen_stage() throws Exception {
        JsonNode trend = data(STORY + "?eq.ejercicio_fiscal=2023&eq.etapa_presupuestal=Aprobado").path("trend");
        Map<String, BigDecimal> expected = new HashMap<>();
        for (Binding b : sparql(portal, "SELECT ?ramo ?y (SUM(?t) AS ?s) WHERE { GRAPH " + graph("cuenta-publica") + " {"
                + " ?a a zoc:AsignacionPresupuestal ; zoc:ejercicioFiscal ?y ; zoc:etapaPresupuestal \"Aprobado\"@es ;"
                + " zoc:ramo ?r ; zoc:montoTotal ?t . ?r rdfs:label ?ramo } } GROUP BY ?ramo ?y")) {
            expected.put(lex(b, "ramo") + " " + lex(b, "y"), new BigDecimal(lex(b, "s")));
        }
        List<String> periods = new java.util.ArrayList<>();
        trend.path("periods").forEach(p -> periods.add(p.asText()));
        assertThat(periods).containsExactly("2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023");
        int values = 0;
        for (JsonNode s : trend.path("series")) {
            for (int i = 0; i < periods.size(); i++) {
                JsonNode v = s.path("values").get(i);
                String key = s.path("name").asText() + " " + periods.get(i);
                if (v.isNull()) {
                    assertThat(expected).as(key).doesNotContainKey(key);
                } else {
                    assertThat(v.decimalValue()).as(key).isEqualByComparingTo(expected.get(key));
                    values++;
                }
            }
        }
        assertThat(values).isEqualTo(expected.size());
    }

    @Test
    void without_script_the_page_has_the_form_summaries_data_tables_and_links_in_both_languages() throws Exception {
        HttpResponse<String> en = portal.get(STORY + "?lang=en&eq.ejercicio_fiscal=2023&eq.etapa_presupuestal=Ejercicio", "text/html");
        assertThat(en.statusCode()).isEqualTo(200);
        String body = en.body();
        assertThat(body).contains("Where does the money go?").contains("not adjusted for inflation")
                .contains("<select id=\"story-0\" name=\"eq.ejercicio_fiscal\">").contains("<option value=\"2023\" selected>2023</option>")
                .contains("<option value=\"Ejercicio\" selected>Spent</option>")
                .contains("href=\"/dataset/cuenta-publica/explore?eq.ejercicio_fiscal=2023&amp;eq.etapa_presupuestal=Ejercicio&amp;group=ente&amp;group=ramo")
                .contains("href=\"/sparql?query=").contains("<table class=\"story-table\">");
        assertThat(count(body, "<section class=\"story-panel\"")).isEqualTo(3);
        // the share table's amounts add up to the total the summary gives
        BigDecimal total = BigDecimal.ZERO;
        String share = body.substring(body.indexOf("id=\"panel-share\""), body.indexOf("id=\"panel-change\""));
        Matcher m = Pattern.compile("<data value=\"([-0-9.E]+)\">").matcher(share);
        while (m.find()) total = total.add(new BigDecimal(m.group(1)));
        BigDecimal expected = new BigDecimal(lex(sparql(portal, "SELECT (SUM(?t) AS ?s) WHERE { GRAPH " + graph("cuenta-publica") + " {"
                + " ?a zoc:ejercicioFiscal \"2023\"^^xsd:gYear ; zoc:etapaPresupuestal \"Ejercicio\"@es ; zoc:montoTotal ?t } }").get(0), "s"));
        assertThat(total).isEqualByComparingTo(expected);
        assertThat(share).contains("a total of " + Amounts.money(expected, "en"));
        assertThat(Amounts.money(expected, "en")).matches("\\$\\d\\.\\d\\d trillion");
        HttpResponse<String> es = portal.get(STORY + "?eq.ejercicio_fiscal=2023", "text/html", "es");
        assertThat(es.body()).contains("¿A dónde va el dinero?").contains("sin ajustar por inflación").contains(Amounts.money(expected, "es"));
        assertThat(Amounts.money(expected, "es")).matches("\\$\\d\\.\\d\\d billones");
    }

    @Test
    void a_value_the_column_does_not_have_is_a_400_naming_it_and_a_dataset_without_story_404() throws Exception {
        HttpResponse<String> r = portal.get(STORY + "?lang=en&eq.ejercicio_fiscal=1999", "text/html");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("eq.ejercicio_fiscal").contains("1999").contains("2013");
        assertThat(portal.get("/dataset/localidades-nuevo-leon/story", "text/html").statusCode()).isEqualTo(404);
    }

    @Test
    void amounts_are_written_for_the_reader() {
        assertThat(Amounts.money(new BigDecimal("1234500000"), "es")).isEqualTo("$1,234.5 millones");
        assertThat(Amounts.money(new BigDecimal("1234500000"), "en")).isEqualTo("$1.23 billion");
        assertThat(Amounts.money(new BigDecimal("-8120000000000"), "en")).isEqualTo("−$8.12 trillion");
        assertThat(Amounts.change(12.345, "es")).isEqualTo("+12.3 %");
    }

    private static JsonNode data(String path) throws Exception {
        HttpResponse<String> r = portal.get(path, "text/html");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"story-data\">(.*?)</script>", Pattern.DOTALL).matcher(r.body());
        assertThat(m.find()).isTrue();
        return BundledPortal.JSON.readTree(m.group(1));
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
