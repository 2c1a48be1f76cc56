package mx.zocalo.server.web;

import static mx.zocalo.server.web.BundledPortal.graph;
import static mx.zocalo.server.web.BundledPortal.sparql;
import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The explorer over the bundled datasets, its answers compared with SPARQL written by hand and sent to {@code /sparql}
 * (counts under each kind of filter, sums per group, a sorted first page); its downloads compared with the page; its
 * permalinks, a form sent without script, its errors.
 */
class ExplorerTest {
    static TestPortal portal;
    static final String IDE = "/dataset/incidencia-delictiva-estatal/explore";
    static final String CP = "/dataset/cuenta-publica/explore";

    @BeforeAll
    static void publish() {
        assumeTrue(Files.isDirectory(BundledPortal.MAPPINGS), "no ../mappings folder");
        portal = BundledPortal.get();
    }

    /** {@code path} with parameters, encoded. */
    static String q(String path, String... params) {
        StringBuilder b = new StringBuilder(path);
        for (int i = 0; i + 1 < params.length; i += 2) b.append(i == 0 ? "?" : "&").append(enc(params[i])).append('=').append(enc(params[i + 1]));
        return b.toString();
    }

    static String page(String path) throws Exception {
        HttpResponse<String> r = portal.get(path, "text/html", "en");
        assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(200);
        return r.body();
    }

    static long count(String where) throws Exception {
        List<Binding> b = sparql(portal, "SELECT (COUNT(*) AS ?n) WHERE { " + where + " }");
        return Long.parseLong(b.get(0).get(Var.alloc("n")).getLiteralLexicalForm());
    }

    static String lex(Binding b, String var) {
        var n = b.get(Var.alloc(var));
        return n == null ? null : n.isURI() ? n.getURI() : n.getLiteralLexicalForm();
    }

    /** The "Rows 1–50 of 38,016" line: from, to, total. */
    static long[] shown(String html) {
        Matcher m = Pattern.compile("id=\"x-summary\">(?:Rows|Groups) ([\\d,]+)–([\\d,]+) of ([\\d,]+)<").matcher(html);
        if (!m.find()) {
            if (html.contains("id=\"x-summary\">No row meets these filters.")) return new long[] {0, 0, 0};
            throw new AssertionError("no summary line in\n" + html);
        }
        return new long[] {n(m.group(1)), n(m.group(2)), n(m.group(3))};
    }

    static long n(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    static long total(String html) {
        return shown(html)[2];
    }

    /** The rows of the table: for each, the first cell's link title (the row's IRI) or text, then the cells' values. */
    static List<List<String>> rows(String html) {
        Matcher table = Pattern.compile("<table class=\"preview explore\">(.*?)</table>", Pattern.DOTALL).matcher(html);
        if (!table.find()) return List.of();
        Matcher body = Pattern.compile("<tbody>(.*?)</tbody>", Pattern.DOTALL).matcher(table.group(1));
        body.find();
        List<List<String>> out = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body.group(1));
        while (tr.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<(th scope=\"row\"|td[^>]*)>(.*?)</t[hd]>", Pattern.DOTALL).matcher(tr.group(1));
            while (cell.find()) {
                String c = cell.group(2);
                Matcher title = Pattern.compile("title=\"([^\"]+)\"").matcher(c);
                Matcher data = Pattern.compile("<data value=\"([^\"]+)\">").matcher(c);
                if (title.find()) cells.add(title.group(1));
                else if (data.find()) cells.add(data.group(1));
                else cells.add(c.replaceAll("<[^>]+>", "").replace("&amp;", "&").trim());
            }
            out.add(cells);
        }
        return out;
    }

    static List<String> headers(String html) {
        Matcher thead = Pattern.compile("<thead><tr>(.*?)</tr></thead>", Pattern.DOTALL).matcher(html);
        thead.find();
        List<String> out = new ArrayList<>();
        Matcher th = Pattern.compile("<th scope=\"col\"[^>]*>(.*?)</th>", Pattern.DOTALL).matcher(thead.group(1));
        while (th.find()) out.add(th.group(1).replaceAll("<span class=\"sort-mark\".*?</span>", "").replaceAll("<[^>]+>", "").trim());
        return out;
    }

    static final String RECORDS = "?r a zoc:RegistroIncidencia ";

    @Test
    void counts_under_each_kind_of_filter_equal_sparql_counts() throws Exception {
        String g = "GRAPH " + graph("incidencia-delictiva-estatal") + " { " + RECORDS;
        // nothing: every row
        assertThat(total(page(IDE))).isEqualTo(count(g + "}")).isEqualTo(38_016);
        // equals, on a year and on text
        assertThat(total(page(q(IDE, "eq.anio", "2014", "eq.tipo_delito", "CON VIOLENCIA"))))
                .isEqualTo(count(g + "; zoc:anio \"2014\"^^xsd:gYear ; zoc:tipoDelito ?t FILTER(STR(?t) = \"CON VIOLENCIA\") }"));
        // one of several values
        assertThat(total(page(q(IDE, "eq.anio", "2013", "eq.anio", "2014"))))
                .isEqualTo(count(g + "; zoc:anio ?a FILTER(?a IN (\"2013\"^^xsd:gYear, \"2014\"^^xsd:gYear)) }"));
        // a linked resource by its label
        assertThat(total(page(q(IDE, "eq.entidad_federativa", "JALISCO"))))
                .isEqualTo(count(g + "; zoc:entidadFederativa ?e . ?e rdfs:label ?l FILTER(STR(?l) = \"JALISCO\") }"));
        // contains, whatever the case
        assertThat(total(page(q(IDE, "has.modalidad", "Robo"))))
                .isEqualTo(count(g + "; zoc:modalidad ?m FILTER(CONTAINS(LCASE(STR(?m)), \"robo\")) }")).isGreaterThan(0);
        // a range of numbers, and of years
        assertThat(total(page(q(IDE, "from.incidencias_anio", "100", "to.incidencias_anio", "500", "from.anio", "2005"))))
                .isEqualTo(count(g + "; zoc:incidenciasAnio ?v ; zoc:anio ?a FILTER(?v >= 100 && ?v <= 500 && ?a >= \"2005\"^^xsd:gYear) }"));
        // nothing kept
        assertThat(page(q(IDE, "eq.tipo_delito", "NO EXISTE"))).contains("No row meets these filters.");
    }

    @Test
    void sums_and_counts_per_group_equal_sparql() throws Exception {
        String html = page(q(CP, "group", "ejercicio_fiscal", "agg", "sum", "of", "monto_total"));
        Map<String, String> labels = new LinkedHashMap<>();
        for (JsonNode c : BundledPortal.json(portal.get("/api/datasets/cuenta-publica", null, "en")).path("tables").get(0).path("columns")) {
            labels.put(c.path("name").asText(), c.path("label").asText());
        }
        assertThat(headers(html)).containsExactly(labels.get("ejercicio_fiscal"), "Rows", "Sum of " + labels.get("monto_total"));
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        Map<String, Long> expectedCounts = new LinkedHashMap<>();
        for (Binding b : sparql(portal, "SELECT ?y (SUM(?m) AS ?s) (COUNT(?a) AS ?n) WHERE { GRAPH " + graph("cuenta-publica")
                + " { ?a a zoc:AsignacionPresupuestal ; zoc:ejercicioFiscal ?y ; zoc:montoTotal ?m } } GROUP BY ?y ORDER BY ?y")) {
            expected.put(lex(b, "y"), new BigDecimal(lex(b, "s")));
            expectedCounts.put(lex(b, "y"), Long.parseLong(lex(b, "n")));
        }
        List<List<String>> rows = rows(html);
        assertThat(total(html)).isEqualTo(expected.size()).isEqualTo(rows.size());
        List<String> years = new ArrayList<>(expected.keySet());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get(0)).isEqualTo(years.get(i));
            assertThat(Long.parseLong(rows.get(i).get(1))).isEqualTo(expectedCounts.get(years.get(i)));
            assertThat(new BigDecimal(rows.get(i).get(2))).isEqualByComparingTo(expected.get(years.get(i)));
        }

        // two grouping columns, with a filter, sorted by the count
        String two = page(q(IDE, "group", "anio", "group", "tipo_delito", "eq.entidad_federativa", "JALISCO", "sort", "-count", "size", "100"));
        List<Binding> byTwo = sparql(portal, "SELECT ?a ?t (COUNT(?r) AS ?n) WHERE { GRAPH " + graph("incidencia-delictiva-estatal")
                + " { " + RECORDS + "; zoc:anio ?a ; zoc:tipoDelito ?t ; zoc:entidadFederativa ?e . ?e rdfs:label \"JALISCO\"@es } }"
                + " GROUP BY ?a ?t ORDER BY DESC(?n) ?a ?t");
        List<List<String>> twoRows = rows(two);
        assertThat(total(two)).isEqualTo(byTwo.size());
        assertThat(twoRows).hasSize(Math.min(100, byTwo.size()));
        for (int i = 0; i < twoRows.size(); i++) {
            assertThat(twoRows.get(i)).containsExactly(lex(byTwo.get(i), "a"), lex(byTwo.get(i), "t"), lex(byTwo.get(i), "n"));
        }

        // the average of a number column per linked state
        String avg = page(q(IDE, "group", "entidad_federativa", "agg", "avg", "of", "incidencias_anio", "eq.anio", "2014"));
        Map<String, BigDecimal> expectedAvg = new LinkedHashMap<>();
        for (Binding b : sparql(portal, "SELECT ?l (AVG(?n) AS ?m) WHERE { GRAPH " + graph("incidencia-delictiva-estatal")
                + " { " + RECORDS + "; zoc:anio \"2014\"^^xsd:gYear ; zoc:incidenciasAnio ?n ; zoc:entidadFederativa ?e . ?e rdfs:label ?l } }"
                + " GROUP BY ?l")) {
            expectedAvg.put(lex(b, "l"), new BigDecimal(lex(b, "m")));
        }
        List<List<String>> avgRows = rows(avg);
        assertThat(avgRows).hasSize(32);
        for (List<String> r : avgRows) assertThat(new BigDecimal(r.get(2))).as(r.get(0)).isEqualByComparingTo(expectedAvg.get(r.get(0)));
    }

    @Test
    void a_sorted_first_page_equals_sparql_and_links_each_row_to_its_page() throws Exception {
        String html = page(q(IDE, "eq.anio", "2010", "sort", "-incidencias_anio", "show", "label", "show", "anio",
                "show", "entidad_federativa", "show", "incidencias_anio"));
        List<Binding> expected = sparql(portal, "SELECT ?r ?t WHERE { GRAPH " + graph("incidencia-delictiva-estatal")
                + " { " + RECORDS + "; zoc:anio \"2010\"^^xsd:gYear ; zoc:incidenciasAnio ?t } } ORDER BY DESC(?t) ?r LIMIT 50");
        List<List<String>> rows = rows(html);
        assertThat(rows).hasSize(50);
        int t = 3; // the columns shown: label, anio, entidad_federativa, incidencias_anio
        for (int i = 0; i < 50; i++) {
            assertThat(rows.get(i).get(0)).isEqualTo(lex(expected.get(i), "r"));
            assertThat(rows.get(i).get(t)).isEqualTo(lex(expected.get(i), "t"));
        }
        String first = lex(expected.get(0), "r");
        assertThat(html).contains("<th scope=\"row\"><a href=\"" + first.substring(TestPortal.BASE.length() - 1) + "\" title=\"" + first + "\">");
        assertThat(html).contains("aria-sort=\"descending\"");
        // the link column shows the linked resource's label, linked to its page
        assertThat(html).containsPattern("<td><a href=\"/id/[^\"]+\">[A-ZÁÉÍÓÚ ]+</a></td>");
        // the second page follows
        assertThat(shown(page(q(IDE, "eq.anio", "2010", "sort", "-incidencias_anio", "page", "2")))).containsExactly(51, 100, 2112);
    }

    @Test
    void pages_go_through_every_row_with_the_honest_count() throws Exception {
        assertThat(shown(page(q(IDE, "page", "2")))).containsExactly(51, 100, 38_016);
        assertThat(shown(page(q(IDE, "page", "153", "size", "250")))).containsExactly(38_001, 38_016, 38_016);
        String last = page(q(IDE, "page", "761"));
        assertThat(shown(last)).containsExactly(38_001, 38_016, 38_016);
        assertThat(rows(last)).hasSize(16);
        assertThat(last).doesNotContain("rel=\"next");
    }

    @Test
    void downloads_hold_exactly_what_the_page_shows_all_pages_of_it() throws Exception {
        String[] view = {"eq.anio", "2014", "has.modalidad", "robo", "show", "label", "show", "entidad_federativa", "show", "incidencias_anio",
                "sort", "-incidencias_anio"};
        String html = page(q(IDE, view));
        long total = total(html);
        assertThat(total).isGreaterThan(50);
        List<List<String>> rows = rows(html);
        Matcher csvLink = Pattern.compile("<a href=\"([^\"]+\\.csv[^\"]*)\" download>").matcher(html);
        assertThat(csvLink.find()).isTrue();
        HttpResponse<String> csv = portal.get(csvLink.group(1).replace("&amp;", "&"), null, "en");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv.body())).getRecords();
        assertThat(records).hasSize((int) total);
        assertThat(records.get(0).getParser().getHeaderNames())
                .containsExactly(":id", "label", "entidad_federativa", "entidad_federativa.label", "incidencias_anio");
        for (int i = 0; i < rows.size(); i++) {
            assertThat(records.get(i).get(":id")).isEqualTo(rows.get(i).get(0));
            assertThat(records.get(i).get("entidad_federativa.label")).isEqualTo(rows.get(i).get(1));
            assertThat(records.get(i).get("incidencias_anio")).isEqualTo(rows.get(i).get(2));
        }
        Matcher jsonLink = Pattern.compile("<a href=\"([^\"]+\\.json[^\"]*)\" download>").matcher(html);
        assertThat(jsonLink.find()).isTrue();
        JsonNode json = BundledPortal.json(portal.get(jsonLink.group(1).replace("&amp;", "&"), null, "en"));
        assertThat(json.size()).isEqualTo((int) total);
        for (int i = 0; i < rows.size(); i++) assertThat(json.get(i).path(":id").asText()).isEqualTo(rows.get(i).get(0));

        // the page's link to the row API: the same query in SoQL, the same page and count
        Matcher apiLink = Pattern.compile("<a href=\"(/api/datasets/[^\"]+)\">").matcher(html);
        assertThat(apiLink.find()).isTrue();
        String api = apiLink.group(1).replace("&amp;", "&");
        assertThat(java.net.URLDecoder.decode(api, java.nio.charset.StandardCharsets.UTF_8))
                .contains("$where=anio = '2014' AND lower(modalidad) LIKE '%robo%'", "$order=incidencias_anio DESC", "$limit=50");
        HttpResponse<String> viaApi = portal.get(api, "application/json", "en");
        JsonNode apiRows = BundledPortal.json(viaApi);
        assertThat(viaApi.headers().firstValue(RowApi.TOTAL_HEADER)).contains(String.valueOf(total));
        assertThat(apiRows.size()).isEqualTo(rows.size());
        for (int i = 0; i < rows.size(); i++) assertThat(apiRows.get(i).path(":id").asText()).isEqualTo(rows.get(i).get(0));

        // more rows than one query of the service may give (10,000): every one, in the page's order
        HttpResponse<String> all = portal.get(q(IDE + ".csv", "show", "anio", "sort", "anio"), null, "en");
        List<CSVRecord> allRecords = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(all.body())).getRecords();
        assertThat(allRecords).hasSize(38_016);
        assertThat(allRecords.stream().map(r -> r.get(":id")).distinct().count()).isEqualTo(38_016);
        assertThat(allRecords.get(0).get("anio")).isEqualTo("1997");
        assertThat(allRecords.get(38_015).get("anio")).isEqualTo("2014");

        // a grouped view: its groups
        String grouped = page(q(CP, "group", "etapa_presupuestal", "agg", "max", "of", "monto_total"));
        HttpResponse<String> groupedCsv = portal.get(q(CP + ".csv", "group", "etapa_presupuestal", "agg", "max", "of", "monto_total"), null, "en");
        List<CSVRecord> groups = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(groupedCsv.body())).getRecords();
        assertThat(groups).hasSize((int) total(grouped));
        assertThat(groups.get(0).getParser().getHeaderNames()).containsExactly("etapa_presupuestal", "count", "max_monto_total");
        List<List<String>> groupRows = rows(grouped);
        for (int i = 0; i < groups.size(); i++) {
            assertThat(groups.get(i).get("etapa_presupuestal")).isEqualTo(groupRows.get(i).get(0));
            assertThat(new BigDecimal(groups.get(i).get("max_monto_total"))).isEqualByComparingTo(new BigDecimal(groupRows.get(i).get(2)));
        }
    }

    @Test
    void a_form_sent_without_script_lands_on_the_permalink_of_its_view() throws Exception {
        // what a browser sends for the form: every field, most of them empty, every column ticked
        StringBuilder form = new StringBuilder(CP + "?q=&eq.label=&has.label=");
        JsonNode table = BundledPortal.json(portal.get("/api/datasets/cuenta-publica", null, "en")).path("tables").get(0);
        for (JsonNode c : table.path("columns")) form.append("&show=").append(c.path("name").asText());
        form.append("&eq.etapa_presupuestal=Aprobado&from.monto_total=1000000&to.monto_total=&group=&group=&agg=&of=&size=25&lang=en");
        HttpResponse<String> sent = portal.get(form.toString(), "text/html", "en");
        assertThat(sent.statusCode()).isEqualTo(303);
        String location = sent.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo(CP + "?eq.etapa_presupuestal=Aprobado&from.monto_total=1000000&size=25&lang=en");
        String html = page(location);
        assertThat(total(html)).isEqualTo(count("GRAPH " + graph("cuenta-publica") + " { ?a a zoc:AsignacionPresupuestal ; "
                + "zoc:etapaPresupuestal ?e ; zoc:montoTotal ?m FILTER(STR(?e) = \"Aprobado\" && ?m >= 1000000) }"));
        assertThat(rows(html)).hasSize(25);
        // the permalink the page gives is the view itself; following it shows the same rows
        Matcher permalink = Pattern.compile("<a href=\"([^\"]+)\" rel=\"bookmark\">").matcher(html);
        assertThat(permalink.find()).isTrue();
        String link = permalink.group(1).replace("&amp;", "&");
        assertThat(link).isEqualTo(CP + "?eq.etapa_presupuestal=Aprobado&from.monto_total=1000000&size=25");
        String again = page(link);
        assertThat(rows(again)).isEqualTo(rows(html));
        assertThat(total(again)).isEqualTo(total(html));
        // a header's sort link keeps the filters and starts again at page 1
        Matcher sortLink = Pattern.compile("<th scope=\"col\"[^>]*><a href=\"([^\"]+)\"").matcher(page(link + "&page=2"));
        assertThat(sortLink.find()).isTrue();
        assertThat(sortLink.group(1).replace("&amp;", "&")).contains("eq.etapa_presupuestal=Aprobado", "from.monto_total=1000000", "sort=")
                .doesNotContain("page=");
    }

    @Test
    void the_dataset_page_and_the_class_list_lead_to_the_explorer() throws Exception {
        String dataset = page("/dataset/incidencia-delictiva-estatal");
        assertThat(dataset).contains("href=\"/dataset/incidencia-delictiva-estatal/explore\"");
        JsonNode tables = BundledPortal.json(portal.get("/api/datasets/incidencia-delictiva-estatal", null, "en")).path("tables");
        String second = tables.get(1).path("name").asText();
        String secondIri = tables.get(1).path("class").asText();
        assertThat(dataset).contains("href=\"/dataset/incidencia-delictiva-estatal/explore?class=" + enc(secondIri) + "\"");
        String browse = page("/dataset/incidencia-delictiva-estatal/browse?class=" + enc(secondIri));
        assertThat(browse).contains("href=\"/dataset/incidencia-delictiva-estatal/explore?class=" + enc(secondIri) + "\"");
        // a class by its IRI leads to the permalink by its short name; the main table needs no name
        HttpResponse<String> byIri = portal.get(q(IDE, "class", secondIri), "text/html", "en");
        assertThat(byIri.statusCode()).isEqualTo(303);
        assertThat(byIri.headers().firstValue("Location")).contains(IDE + "?class=" + second);
        assertThat(portal.get(q(IDE, "class", tables.get(0).path("name").asText()), "text/html", "en").headers().firstValue("Location"))
                .contains(IDE);
        String other = page(q(IDE, "class", second));
        assertThat(total(other)).isEqualTo(tables.get(1).path("rows").asLong());
    }

    @Test
    void a_bad_parameter_is_a_400_page_in_the_reader_language_naming_it_and_the_columns() throws Exception {
        HttpResponse<String> es = portal.get(q(IDE, "eq.monto", "5"), "text/html", "es");
        assertThat(es.statusCode()).isEqualTo(400);
        assertThat(es.body()).contains("<html lang=\"es\"", "El parámetro eq.monto nombra la columna «monto», que no existe",
                "anio, entidad_federativa, incidencias_abril");
        HttpResponse<String> en = portal.get(q(IDE, "from.incidencias_anio", "mucho"), "text/html", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("<html lang=\"en\"", "The parameter from.incidencias_anio must be a number", "“mucho”");
        for (String[] bad : List.of(new String[] {"page", "0"}, new String[] {"page", "dos"}, new String[] {"page", "100000"},
                new String[] {"size", "1000000"}, new String[] {"sort", "nada"}, new String[] {"group", "nada"},
                new String[] {"from.tipo_delito", "A"}, new String[] {"has.incidencias_anio", "1"}, new String[] {"eq.anio", "dos mil"},
                new String[] {"agg", "median"}, new String[] {"class", "nada"}, new String[] {"limit", "5"})) {
            HttpResponse<String> r = portal.get(q(IDE, bad), "text/html", "en");
            assertThat(r.statusCode()).as(String.join("=", bad) + "\n" + r.body()).isEqualTo(400);
            assertThat(r.body()).as(String.join("=", bad)).contains(bad[0]);
        }
        assertThat(portal.get(q(IDE + ".csv", "eq.nada", "1"), null, "en").statusCode()).isEqualTo(400);
        assertThat(portal.get("/dataset/no-existe/explore", "text/html", "en").statusCode()).isEqualTo(404);
        assertThat(portal.get("/dataset/no-existe/explore.csv", null, "en").statusCode()).isEqualTo(404);
    }
}
