package mx.zocalo.server.web;

import static mx.zocalo.server.web.BundledPortal.graph;
import static mx.zocalo.server.web.BundledPortal.sparql;
import static mx.zocalo.server.web.ExplorerTest.lex;
import static mx.zocalo.server.web.ExplorerTest.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The explorer's one-click charts on the bundled datasets: every chart type that fits a grouped view is one link away
 * (the one chosen from the columns first; a pie only for a few parts, else a word for bars, the number of parts counted
 * by SPARQL), a view of rows with two number columns offers a scatter, each link opens the chart it names; months
 * without a year ({@code --01}) read as month names in the explorer, its filters and the charts, in the months' order,
 * with the sums of SPARQL.
 */
class ChartOffersTest {
    static TestPortal portal;
    static final String CP = "/dataset/cuenta-publica/explore";
    static final String IDE = "/dataset/incidencia-delictiva-estatal/explore";
    static final String LOC = "/dataset/localidades-nuevo-leon/explore";
    static final String ACC = "/dataset/accidentes-carreteros";

    @BeforeAll
    static void publish() {
        assumeTrue(Files.isDirectory(BundledPortal.MAPPINGS), "no ../mappings folder");
        portal = BundledPortal.get();
    }

    static String page(String path, String lang) throws Exception {
        var r = portal.get(path, "text/html", lang);
        assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(200);
        return r.body();
    }

    /** The explorer's chart links: type → href (the chosen one under the key {@code chosen}). */
    static Map<String, String> offers(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher chosen = Pattern.compile("<a href=\"([^\"]+)\" class=\"button chart-link\">").matcher(html);
        if (chosen.find()) out.put("chosen", chosen.group(1).replace("&amp;", "&"));
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\" class=\"chart-type-(\\w+)\" rel=\"nofollow\">").matcher(html);
        while (m.find()) out.put(m.group(2), m.group(1).replace("&amp;", "&"));
        return out;
    }

    /** The type the chart page at {@code href} draws. */
    static String drawn(String href) throws Exception {
        return ChartTest.spec(page(href, "en")).path("type").asText();
    }

    @Test
    void a_grouped_view_of_few_parts_offers_every_type_and_each_link_draws_it() throws Exception {
        long parts = sparql(portal, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH " + graph("cuenta-publica")
                + " { ?r a zoc:AsignacionPresupuestal ; zoc:etapaPresupuestal ?s } }").stream().mapToLong(b -> Long.parseLong(lex(b, "n"))).sum();
        assertThat(parts).as("the stages: few enough for a pie").isBetween(2L, (long) ChartType.MAX_SLICES);
        String html = page(q(CP, "group", "etapa_presupuestal", "agg", "sum", "of", "monto_total"), "en");
        Map<String, String> offers = offers(html);
        assertThat(offers.keySet()).containsExactlyInAnyOrder("chosen", "hbar", "line", "pie", "donut", "treemap");
        assertThat(html).doesNotContain("class=\"chart-note\"");
        assertThat(drawn(offers.get("chosen"))).as("a category and a sum: bars").isEqualTo("bar");
        JsonNode bars = ChartTest.spec(page(offers.get("chosen"), "en"));
        List<BigDecimal> values = new ArrayList<>();
        bars.path("series").get(0).path("values").forEach(v -> values.add(v.decimalValue()));
        assertThat(values).as("sorted, largest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        for (String t : List.of("hbar", "line", "pie", "donut", "treemap")) assertThat(drawn(offers.get(t))).isEqualTo(t);
    }

    @Test
    void a_view_of_many_parts_offers_no_pie_but_says_to_use_bars() throws Exception {
        long parts = sparql(portal, "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { GRAPH " + graph("cuenta-publica")
                + " { ?r a zoc:AsignacionPresupuestal ; zoc:ramo ?b } }").stream().mapToLong(b -> Long.parseLong(lex(b, "n"))).sum();
        assertThat(parts).isGreaterThan(ChartType.MAX_SLICES);
        String html = page(q(CP, "group", "ramo", "agg", "sum", "of", "monto_total"), "en");
        assertThat(offers(html).keySet()).contains("chosen", "treemap", "line").doesNotContain("pie", "donut", "stacked");
        assertThat(html).contains("class=\"chart-note\"").contains("this view has " + ChartSummary.count(parts, "en"))
                .contains("use bars instead");
        // the chart page's own list of types does not offer it either, but one of few parts does
        assertThat(page(q("/dataset/cuenta-publica/chart", "group", "ramo", "agg", "sum", "of", "monto_total"), "en"))
                .contains("type=treemap\"").doesNotContain("type=pie\"").doesNotContain("type=donut\"");
        assertThat(page(q("/dataset/cuenta-publica/chart", "group", "etapa_presupuestal", "agg", "sum", "of", "monto_total"), "en"))
                .contains("type=pie\"").contains("type=donut\"");
    }

    @Test
    void two_groups_offer_stacked_bars_first_and_a_date_column_a_line() throws Exception {
        Map<String, String> two = offers(page(q(CP, "group", "ramo", "group", "etapa_presupuestal", "agg", "sum", "of", "monto_total"), "en"));
        assertThat(drawn(two.get("chosen"))).isEqualTo("stacked");
        assertThat(two.keySet()).contains("bar", "treemap").doesNotContain("pie", "donut");
        Map<String, String> years = offers(page(q(IDE, "group", "anio", "agg", "sum", "of", "incidencias_anio"), "en"));
        assertThat(drawn(years.get("chosen"))).as("a year column: a line").isEqualTo("line");
        assertThat(years.keySet()).contains("bar", "hbar", "treemap");
    }

    @Test
    void rows_with_two_number_columns_shown_offer_a_scatter_of_them() throws Exception {
        String html = page(q(LOC, "show", "label", "show", "hogares", "show", "poblacion_total"), "en");
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\" class=\"button chart-link-scatter\">").matcher(html);
        assertThat(m.find()).as("a scatter link in\n" + html).isTrue();
        String href = m.group(1).replace("&amp;", "&");
        assertThat(href).contains("type=scatter").contains("x=hogares").contains("y=poblacion_total");
        JsonNode spec = ChartTest.spec(page(href, "en"));
        assertThat(spec.path("type").asText()).isEqualTo("scatter");
        assertThat(spec.path("points").size()).isPositive();
        // no columns chosen, or one number column shown: no scatter offered
        assertThat(page(LOC, "en")).doesNotContain("chart-link-scatter");
        assertThat(page(q(LOC, "show", "label", "show", "poblacion_total"), "en")).doesNotContain("chart-link-scatter");
    }

    @Test
    void a_treemap_of_two_groups_counts_as_left_out_only_the_pairs_of_zero_or_less_not_the_missing_ones() throws Exception {
        long notPositive = sparql(portal, "SELECT (COUNT(*) AS ?n) WHERE { SELECT ?e ?b (SUM(?m) AS ?s) WHERE { GRAPH " + graph("cuenta-publica")
                + " { ?r a zoc:AsignacionPresupuestal ; zoc:ente ?e ; zoc:ramo ?b ; zoc:montoTotal ?m ; zoc:ejercicioFiscal ?y ;"
                + " zoc:etapaPresupuestal ?st FILTER(STR(?y) = '2023' && STR(?st) = 'Ejercicio') } } GROUP BY ?e ?b HAVING (SUM(?m) <= 0) }")
                .stream().mapToLong(b -> Long.parseLong(lex(b, "n"))).sum();
        String html = page(q("/dataset/cuenta-publica/chart", "eq.ejercicio_fiscal", "2023", "eq.etapa_presupuestal", "Ejercicio",
                "group", "ente", "group", "ramo", "agg", "sum", "of", "monto_total", "type", "treemap"), "en");
        if (notPositive == 0) assertThat(html).doesNotContain("empty or negative parts");
        else assertThat(html).contains(ChartSummary.count(notPositive, "en") + " empty or negative parts");
    }

    @Test
    void months_without_a_year_read_as_month_names_in_the_explorer_and_the_chart_with_sparql_sums() throws Exception {
        for (String lang : List.of("en", "es")) {
            Map<String, BigDecimal> expected = new LinkedHashMap<>();
            for (Binding b : sparql(portal, "SELECT ?m ?name (SUM(?a) AS ?s) WHERE { GRAPH " + graph("accidentes-carreteros")
                    + " { ?r a zoc:RegistroAccidentes ; zoc:mes ?m ; zoc:nombreMes ?name ; zoc:accidentes ?a FILTER(lang(?name) = '" + lang + "') } }"
                    + " GROUP BY ?m ?name ORDER BY ?m")) {
                expected.put(lex(b, "name").toLowerCase(Locale.ROOT), new BigDecimal(lex(b, "s")));
            }
            assertThat(expected).hasSize(12);
            String explore = page(q(ACC + "/explore", "group", "mes", "agg", "sum", "of", "accidentes", "sort", "mes"), lang);
            assertThat(explore).as("no --MM left in the table").doesNotContain(">--0").doesNotContain(">--1");
            Matcher rows = Pattern.compile("<tr><th scope=\"row\">([^<]+)</th>").matcher(explore);
            List<String> names = new ArrayList<>();
            while (rows.find()) names.add(rows.group(1).toLowerCase(Locale.ROOT));
            assertThat(names).as(lang).containsExactlyElementsOf(expected.keySet());
            // the filter's values are named too, and filter by their written form
            String filtered = page(q(ACC + "/explore", "eq.mes", "--03"), lang);
            assertThat(filtered).contains("value=\"--03\" checked>").doesNotContain(">--03 <");

            // the declared view's line: the months by name, in order, with SPARQL's sums
            JsonNode spec = ChartTest.spec(page(q(ACC + "/chart", "group", "mes", "agg", "sum", "of", "accidentes", "sort", "mes", "type", "line"), lang));
            Map<String, BigDecimal> drawn = ChartTest.bars(spec);
            assertThat(drawn.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList()).containsExactlyElementsOf(expected.keySet());
            drawn.forEach((k, v) -> assertThat(v).as(k).isEqualByComparingTo(expected.get(k.toLowerCase(Locale.ROOT))));
        }
    }
}
