package mx.zocalo.server.web;

import static mx.zocalo.server.web.BundledPortal.graph;
import static mx.zocalo.server.web.BundledPortal.json;
import static mx.zocalo.server.web.BundledPortal.sparql;
import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The row API over the bundled datasets: every answer compared with SPARQL written by hand for it and sent to
 * {@code /sparql} (counts, sums per group, sorted first pages, each kind of filter, $q), and what the API adds: paging,
 * CSV, GeoJSON, errors, caching, CORS.
 */
class RowApiTest {
    static TestPortal portal;
    static final String CP = "/api/datasets/cuenta-publica/rows";
    static final String IDE = "/api/datasets/incidencia-delictiva-estatal/rows";
    static final String LOC = "/api/datasets/localidades-nuevo-leon/rows";

    @BeforeAll
    static void publish() {
        assumeTrue(Files.isDirectory(BundledPortal.MAPPINGS), "no ../mappings folder");
        portal = BundledPortal.get();
    }

    /** {@code path} with the SoQL parameters, encoded. */
    static String q(String path, String... params) {
        StringBuilder b = new StringBuilder(path);
        for (int i = 0; i + 1 < params.length; i += 2) b.append(i == 0 ? "?" : "&").append(enc(params[i])).append('=').append(enc(params[i + 1]));
        return b.toString();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return portal.get(path, null, "en");
    }

    static long total(HttpResponse<String> r) {
        return Long.parseLong(r.headers().firstValue(RowApi.TOTAL_HEADER).orElseThrow());
    }

    static long count(String where) throws Exception {
        List<Binding> b = sparql(portal, "SELECT (COUNT(*) AS ?n) WHERE { " + where + " }");
        return Long.parseLong(b.get(0).get(Var.alloc("n")).getLiteralLexicalForm());
    }

    static String lex(Binding b, String var) {
        var n = b.get(Var.alloc(var));
        return n == null ? null : n.isURI() ? n.getURI() : n.getLiteralLexicalForm();
    }

    @Test
    void the_tables_of_a_dataset_are_its_classes_with_their_counts_and_properties() throws Exception {
        for (String slug : List.of("cuenta-publica", "incidencia-delictiva-estatal", "localidades-nuevo-leon")) {
            JsonNode d = json(get("/api/datasets/" + slug));
            Map<String, Long> api = new TreeMap<>();
            for (JsonNode t : d.path("tables")) api.put(t.path("class").asText(), t.path("rows").asLong());
            Map<String, Long> expected = new TreeMap<>();
            for (Binding b : sparql(portal, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH " + graph(slug) + " { ?s a ?c } } GROUP BY ?c")) {
                expected.put(lex(b, "c"), Long.parseLong(lex(b, "n")));
            }
            assertThat(api).as(slug).isEqualTo(expected);
            JsonNode main = d.path("tables").get(0);
            assertThat(main.path("default").asBoolean()).isTrue();
            Set<String> properties = new TreeSet<>();
            for (JsonNode c : main.path("columns")) {
                properties.add(c.path("property").asText());
                assertThat(c.path("name").asText()).matches("[a-z][a-z0-9_]*");
                assertThat(c.path("label").asText()).isNotBlank();
                assertThat(c.path("datatype").asText()).isIn("integer", "decimal", "date", "gYear", "gYearMonth", "dateTime", "boolean", "text", "link");
            }
            Set<String> used = new TreeSet<>();
            for (Binding b : sparql(portal, "SELECT DISTINCT ?p WHERE { GRAPH " + graph(slug) + " { ?s a <" + main.path("class").asText()
                    + "> ; ?p ?o FILTER(?p != rdf:type) } }")) {
                used.add(lex(b, "p"));
            }
            assertThat(properties).as(slug).isEqualTo(used);
        }
        JsonNode cp = json(get("/api/datasets/cuenta-publica"));
        JsonNode monto = null;
        for (JsonNode c : cp.path("tables").get(0).path("columns")) if (c.path("name").asText().equals("monto_total")) monto = c;
        assertThat(monto).isNotNull();
        assertThat(monto.path("label").asText()).isEqualTo("total amount (pesos)");
        assertThat(monto.path("datatype").asText()).isEqualTo("decimal");
        assertThat(monto.path("property").asText()).isEqualTo(TestPortal.BASE + "def/zocalo#montoTotal");
    }

    @Test
    void counts_equal_sparql_counts_for_every_table() throws Exception {
        for (String slug : List.of("cuenta-publica", "incidencia-delictiva-estatal", "localidades-nuevo-leon")) {
            for (JsonNode t : json(get("/api/datasets/" + slug)).path("tables")) {
                HttpResponse<String> r = get(q("/api/datasets/" + slug + "/rows", "class", t.path("name").asText(), "$limit", "0"));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(total(r)).as(slug + " " + t.path("name").asText())
                        .isEqualTo(count("GRAPH " + graph(slug) + " { ?s a <" + t.path("class").asText() + "> }"));
            }
        }
    }

    @Test
    void sums_per_group_equal_sparql_sums() throws Exception {
        JsonNode api = json(get(q(CP, "$select", "ejercicio_fiscal, sum(monto_total) AS total, count(*) AS n", "$group", "ejercicio_fiscal")));
        Map<String, BigDecimal> byYear = new TreeMap<>();
        for (JsonNode row : api) byYear.put(row.path("ejercicio_fiscal").asText(), row.path("total").decimalValue());
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (Binding b : sparql(portal, "SELECT ?y (SUM(?m) AS ?s) WHERE { GRAPH " + graph("cuenta-publica")
                + " { ?a a zoc:AsignacionPresupuestal ; zoc:ejercicioFiscal ?y ; zoc:montoTotal ?m } } GROUP BY ?y")) {
            expected.put(lex(b, "y"), new BigDecimal(lex(b, "s")));
        }
        assertThat(byYear.keySet()).isEqualTo(expected.keySet()).hasSize(11);
        byYear.forEach((y, s) -> assertThat(s).as(y).isEqualByComparingTo(expected.get(y)));

        // a sum over a column some rows lack: those rows left out
        JsonNode pensions = json(get(q(CP, "$select", "etapa_presupuestal, sum(pensiones_jubilaciones) AS p", "$group", "etapa_presupuestal")));
        Map<String, BigDecimal> expectedPensions = new HashMap<>();
        for (Binding b : sparql(portal, "SELECT ?e (SUM(?p) AS ?s) WHERE { GRAPH " + graph("cuenta-publica")
                + " { ?a a zoc:AsignacionPresupuestal ; zoc:etapaPresupuestal ?e ; zoc:pensionesJubilaciones ?p } } GROUP BY ?e")) {
            expectedPensions.put(lex(b, "e"), new BigDecimal(lex(b, "s")));
        }
        assertThat(pensions).hasSize(4);
        for (JsonNode row : pensions) {
            assertThat(row.path("p").decimalValue()).isEqualByComparingTo(expectedPensions.get(row.path("etapa_presupuestal").asText()));
        }

        // victims of crime per state in 2014, grouped by the linked state's label
        JsonNode states = json(get(q(IDE, "$select", "entidad_federativa.label AS estado, sum(incidencias_anio) AS total",
                "$where", "anio = 2014", "$group", "entidad_federativa.label", "$order", "total DESC", "$limit", "5")));
        List<Binding> expectedStates = sparql(portal, "SELECT ?estado (SUM(?t) AS ?total) WHERE { GRAPH " + graph("incidencia-delictiva-estatal")
                + " { ?r a zoc:RegistroIncidencia ; zoc:anio \"2014\"^^xsd:gYear ; zoc:incidenciasAnio ?t ; zoc:entidadFederativa ?e ."
                + " ?e rdfs:label ?estado } } GROUP BY ?estado ORDER BY DESC(?total) ?estado LIMIT 5");
        assertThat(states).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(states.get(i).path("estado").asText()).isEqualTo(lex(expectedStates.get(i), "estado"));
            assertThat(states.get(i).path("total").bigIntegerValue().toString()).isEqualTo(lex(expectedStates.get(i), "total"));
        }

        // population per municipality, the two largest; max and avg with missing values left out
        JsonNode municipalities = json(get(q(LOC, "$select", "municipio, sum(poblacion_total) AS p, max(hogares) AS h, avg(hogares) AS a",
                "$group", "municipio", "$order", "p DESC", "$limit", "2")));
        List<Binding> expectedMun = sparql(portal, "SELECT ?m (SUM(?p) AS ?pob) WHERE { GRAPH " + graph("localidades-nuevo-leon")
                + " { ?l a zoc:Localidad ; zoc:municipio ?m ; zoc:poblacionTotal ?p } } GROUP BY ?m ORDER BY DESC(?pob) ?m LIMIT 2");
        for (int i = 0; i < 2; i++) {
            JsonNode row = municipalities.get(i);
            String m = lex(expectedMun.get(i), "m");
            assertThat(row.path("municipio").path("iri").asText()).isEqualTo(m);
            assertThat(row.path("p").bigIntegerValue().toString()).isEqualTo(lex(expectedMun.get(i), "pob"));
            Binding h = sparql(portal, "SELECT (MAX(?h) AS ?max) (AVG(?h) AS ?avg) WHERE { GRAPH " + graph("localidades-nuevo-leon")
                    + " { ?l a zoc:Localidad ; zoc:municipio <" + m + "> ; zoc:hogares ?h } }").get(0);
            assertThat(row.path("h").bigIntegerValue().toString()).isEqualTo(lex(h, "max"));
            assertThat(row.path("a").decimalValue()).isEqualByComparingTo(new BigDecimal(lex(h, "avg")));
        }
    }

    @Test
    void a_sorted_first_page_equals_sparql_and_each_row_carries_its_iri() throws Exception {
        JsonNode page = json(get(q(IDE, "$where", "anio = 2010 AND tipo_delito = 'CON VIOLENCIA'", "$order", "incidencias_anio DESC", "$limit", "20")));
        List<Binding> expected = sparql(portal, "SELECT ?r ?t ?l WHERE { GRAPH " + graph("incidencia-delictiva-estatal")
                + " { ?r a zoc:RegistroIncidencia ; zoc:anio ?a ; zoc:tipoDelito ?tipo ; zoc:incidenciasAnio ?t ; rdfs:label ?l"
                + " FILTER(?a = \"2010\"^^xsd:gYear && STR(?tipo) = \"CON VIOLENCIA\") } } ORDER BY DESC(?t) ?r LIMIT 20");
        assertThat(page).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(page.get(i).path(":id").asText()).isEqualTo(lex(expected.get(i), "r"));
            assertThat(page.get(i).path("incidencias_anio").asLong()).isEqualTo(Long.parseLong(lex(expected.get(i), "t")));
            assertThat(page.get(i).path("label").asText()).isEqualTo(lex(expected.get(i), "l"));
            assertThat(page.get(i).path("anio").asText()).isEqualTo("2010");
        }
        // sorted by a linked resource's label, then by a number
        JsonNode byState = json(get(q(IDE, "$select", "entidad_federativa, incidencias_enero", "$order", "entidad_federativa.label DESC, incidencias_enero",
                "$limit", "10")));
        List<Binding> expectedByState = sparql(portal, "SELECT ?r ?e ?ene WHERE { GRAPH " + graph("incidencia-delictiva-estatal")
                + " { ?r a zoc:RegistroIncidencia ; zoc:entidadFederativa ?e . ?e rdfs:label ?el OPTIONAL { ?r zoc:incidenciasEnero ?ene } } }"
                + " ORDER BY DESC(?el) ?ene ?r LIMIT 10");
        for (int i = 0; i < 10; i++) {
            assertThat(byState.get(i).path(":id").asText()).isEqualTo(lex(expectedByState.get(i), "r"));
            assertThat(byState.get(i).path("entidad_federativa").path("iri").asText()).isEqualTo(lex(expectedByState.get(i), "e"));
            String ene = lex(expectedByState.get(i), "ene");
            assertThat(byState.get(i).path("incidencias_enero").isNull() ? null : byState.get(i).path("incidencias_enero").asText()).isEqualTo(ene);
        }
    }

    @Test
    void each_kind_of_filter_keeps_the_rows_sparql_keeps() throws Exception {
        String g = "GRAPH " + graph("cuenta-publica") + " { ?a a zoc:AsignacionPresupuestal ";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("etapa_presupuestal IN ('Aprobado', 'Ejercicio')", g + "; zoc:etapaPresupuestal ?e FILTER(STR(?e) IN (\"Aprobado\", \"Ejercicio\")) }");
        cases.put("etapa_presupuestal NOT IN ('Aprobado')", g + "; zoc:etapaPresupuestal ?e FILTER(STR(?e) != \"Aprobado\") }");
        cases.put("monto_total BETWEEN 1000000000 AND 10000000000", g + "; zoc:montoTotal ?m FILTER(?m >= 1000000000 && ?m <= 10000000000) }");
        cases.put("monto_total >= 1e12", g + "; zoc:montoTotal ?m FILTER(?m >= 1000000000000) }");
        cases.put("monto_total < 0 OR monto_total = 0", g + "; zoc:montoTotal ?m FILTER(?m <= 0) }");
        cases.put("ramo.label LIKE '%Salud%'", g + "; zoc:ramo ?r . ?r rdfs:label ?l FILTER(CONTAINS(?l, \"Salud\")) }");
        cases.put("ramo.label LIKE 'H. C_mara%'", g + "; zoc:ramo ?r . ?r rdfs:label ?l FILTER(STRSTARTS(?l, \"H. Cámara\")) }");
        cases.put("upper(ramo.label) LIKE '%EDUCACIÓN%'", g + "; zoc:ramo ?r . ?r rdfs:label ?l FILTER(CONTAINS(LCASE(?l), \"educación\")) }");
        cases.put("pensiones_jubilaciones IS NULL", g + " FILTER NOT EXISTS { ?a zoc:pensionesJubilaciones ?p } }");
        cases.put("pensiones_jubilaciones IS NOT NULL AND pensiones_jubilaciones > 0", g + "; zoc:pensionesJubilaciones ?p FILTER(?p > 0) }");
        cases.put("NOT (ejercicio_fiscal = 2013)", g + "; zoc:ejercicioFiscal ?y FILTER(STR(?y) != \"2013\") }");
        cases.put("(ejercicio_fiscal = 2013 OR ejercicio_fiscal = '2023') AND etapa_presupuestal = 'Aprobado'",
                g + "; zoc:ejercicioFiscal ?y ; zoc:etapaPresupuestal \"Aprobado\"@es FILTER(STR(?y) IN (\"2013\", \"2023\")) }");
        cases.put("ejercicio_fiscal >= 2020", g + "; zoc:ejercicioFiscal ?y FILTER(xsd:integer(STR(?y)) >= 2020) }");
        cases.put("ente.label = 'Poder Legislativo'", g + "; zoc:ente ?e . ?e rdfs:label \"Poder Legislativo\"@es }");
        cases.put("etapa_presupuestal < 'E'", g + "; zoc:etapaPresupuestal ?e FILTER(STR(?e) < \"E\") }");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = get(q(CP, "$where", c.getKey(), "$limit", "0"));
            assertThat(r.statusCode()).as(c.getKey() + ": " + r.body()).isEqualTo(200);
            long expected = count(c.getValue());
            assertThat(expected).as(c.getKey()).isGreaterThan(0);
            assertThat(total(r)).as(c.getKey()).isEqualTo(expected);
        }
        // shortcuts: the value read as the column's type; a link compared by its label; several values, any of them
        assertThat(total(get(q(CP, "etapa_presupuestal", "Aprobado", "ejercicio_fiscal", "2020", "$limit", "0"))))
                .isEqualTo(count(g + "; zoc:etapaPresupuestal \"Aprobado\"@es ; zoc:ejercicioFiscal \"2020\"^^xsd:gYear }"));
        assertThat(total(get(q(CP, "ente", "Poder Judicial", "$limit", "0"))))
                .isEqualTo(count(g + "; zoc:ente ?e . ?e rdfs:label \"Poder Judicial\"@es }"));
        assertThat(total(get(CP + "?ejercicio_fiscal=2013&ejercicio_fiscal=2014&%24limit=0")))
                .isEqualTo(count(g + "; zoc:ejercicioFiscal ?y FILTER(STR(?y) IN (\"2013\", \"2014\")) }"));
    }

    @Test
    void q_finds_the_rows_whose_text_has_words_beginning_with_each_word() throws Exception {
        HttpResponse<String> r = get(q(IDE, "$q", "Robo VEHÍCULOS", "$limit", "5"));
        long expected = count("GRAPH " + graph("incidencia-delictiva-estatal") + " { ?r a zoc:RegistroIncidencia ; rdfs:label ?l"
                + " FILTER(REGEX(?l, \"(^|[^A-Za-z0-9])ROBO\", \"i\") && REGEX(?l, \"(^|[^A-Za-z0-9])VEHICULOS\", \"i\")) }");
        assertThat(expected).isGreaterThan(0);
        assertThat(total(r)).isEqualTo(expected);
        assertThat(json(r)).allSatisfy(row -> assertThat(row.path("label").asText()).contains("ROBO").contains("VEHICULOS"));
        // a word is matched at its start only
        assertThat(total(get(q(IDE, "$q", "OBO", "$limit", "0")))).isZero();
    }

    @Test
    void pages_follow_each_other_without_overlap_and_add_up_to_the_whole() throws Exception {
        String where = "municipio.label = 'Monterrey'";
        List<Binding> expected = sparql(portal, "SELECT ?l WHERE { GRAPH " + graph("localidades-nuevo-leon")
                + " { ?l a zoc:Localidad ; zoc:municipio ?m ; zoc:poblacionTotal ?p . ?m rdfs:label \"Monterrey\"@es } } ORDER BY DESC(?p) ?l");
        List<String> paged = new ArrayList<>();
        String next = q(LOC, "$where", where, "$order", "poblacion_total DESC", "$limit", "25");
        int pages = 0;
        while (next != null) {
            HttpResponse<String> r = get(next);
            assertThat(total(r)).isEqualTo(expected.size());
            for (JsonNode row : json(r)) paged.add(row.path(":id").asText());
            next = r.headers().allValues("Link").stream().filter(l -> l.endsWith("rel=\"next\"")).findFirst()
                    .map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
            pages++;
        }
        assertThat(pages).isEqualTo((expected.size() + 24) / 25);
        assertThat(paged).containsExactlyElementsOf(expected.stream().map(b -> lex(b, "l")).toList());
    }

    @Test
    void csv_has_a_header_of_column_names_and_the_values_of_json() throws Exception {
        String[] params = {"$select", "ramo, ejercicio_fiscal, etapa_presupuestal, monto_total", "$where", "ejercicio_fiscal = 2023",
            "$order", "monto_total DESC", "$limit", "10000"};
        HttpResponse<String> csv = get(q(CP + ".csv", params));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv.body())).getRecords();
        assertThat(records.get(0).getParser().getHeaderNames())
                .containsExactly(":id", "ramo", "ramo.label", "ejercicio_fiscal", "etapa_presupuestal", "monto_total");
        JsonNode json = json(get(q(CP, params)));
        assertThat(records).hasSize(json.size()).hasSize((int) total(csv));
        assertThat(total(csv)).isEqualTo(count("GRAPH " + graph("cuenta-publica") + " { ?a a zoc:AsignacionPresupuestal ; zoc:ejercicioFiscal \"2023\"^^xsd:gYear }"));
        for (int i = 0; i < records.size(); i++) {
            CSVRecord c = records.get(i);
            JsonNode j = json.get(i);
            assertThat(c.get(":id")).isEqualTo(j.path(":id").asText());
            assertThat(c.get("ramo")).isEqualTo(j.path("ramo").path("iri").asText());
            assertThat(c.get("ramo.label")).isEqualTo(j.path("ramo").path("label").asText());
            assertThat(new BigDecimal(c.get("monto_total"))).isEqualByComparingTo(j.path("monto_total").decimalValue());
        }
        // the same by Accept
        HttpResponse<String> negotiated = portal.get(q(CP, params), "text/csv");
        assertThat(negotiated.body()).isEqualTo(csv.body());
    }

    @Test
    void geojson_gives_the_points_of_rows_with_coordinates() throws Exception {
        JsonNode fc = json(get("/api/datasets/localidades-coordenadas/rows.geojson?%24order=poblacion+DESC"));
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features")).hasSize(7);
        JsonNode monterrey = fc.path("features").get(0);
        assertThat(monterrey.path("id").asText()).isEqualTo(TestPortal.BASE + "id/localidades-coordenadas/19-39-1");
        assertThat(monterrey.path("geometry").path("type").asText()).isEqualTo("Point");
        // the decimal degrees of the source file
        List<CSVRecord> source = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(BundledPortal.COORDINATES.resolve("localidades.csv"), StandardCharsets.UTF_8)).getRecords();
        CSVRecord mty = source.stream().filter(s -> s.get("NOM_LOC").equals("Monterrey")).findFirst().orElseThrow();
        assertThat(monterrey.path("geometry").path("coordinates").get(0).decimalValue()).isEqualByComparingTo(mty.get("LONGITUD"));
        assertThat(monterrey.path("geometry").path("coordinates").get(1).decimalValue()).isEqualByComparingTo(mty.get("LATITUD"));
        assertThat(monterrey.path("properties").path("label").asText()).isEqualTo("Monterrey");
        assertThat(monterrey.path("properties").path("poblacion").asLong()).isEqualTo(Long.parseLong(mty.get("POBTOT")));
        // a GeoSPARQL point (WKT) works the same; by Accept too
        HttpResponse<String> wkt = portal.get(q("/api/datasets/localidades-coordenadas/rows", "class", "geometry", "$where", "label = 'Monterrey'"),
                "application/geo+json");
        JsonNode point = json(wkt).path("features").get(0).path("geometry").path("coordinates");
        assertThat(point.get(0).decimalValue()).isEqualByComparingTo(mty.get("LONGITUD"));
        assertThat(point.get(1).decimalValue()).isEqualByComparingTo(mty.get("LATITUD"));
        // a table without coordinates says so
        HttpResponse<String> none = get(CP + ".geojson");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(BundledPortal.JSON.readTree(none.body()).path("error").path("code").asText()).isEqualTo("no-coordinates");
    }

    @Test
    void errors_are_400_in_json_naming_the_token_its_position_and_the_columns() throws Exception {
        HttpResponse<String> r = get(q(CP, "$where", "ejercicio_fiscal = 2020 AND monto > 5"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode e = BundledPortal.JSON.readTree(r.body()).path("error");
        assertThat(e.path("status").asInt()).isEqualTo(400);
        assertThat(e.path("code").asText()).isEqualTo("no-column-suggest");
        assertThat(e.path("parameter").asText()).isEqualTo("$where");
        assertThat(e.path("position").asInt()).isEqualTo(29);
        assertThat(e.path("token").asText()).isEqualTo("monto");
        assertThat(e.path("message").asText()).startsWith("$where, position 29: no column \"monto\" (did you mean monto_total?); columns: label, ejercicio_fiscal, ente,");
        assertThat(e.path("columns")).extracting(JsonNode::asText).contains("monto_total", "ramo", "ejercicio_fiscal");
        // in Spanish by default
        JsonNode es = BundledPortal.JSON.readTree(portal.get(q(CP, "$where", "monto > 5"), null).body()).path("error");
        assertThat(es.path("message").asText()).startsWith("$where, posición 1: no hay columna \"monto\"");
        // as text, with a caret under the token
        HttpResponse<String> text = portal.get(q(CP, "$where", "monto_total > 'mucho'"), "text/plain", "en");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("$where, position 15: 'mucho' is not a number, and monto_total holds numbers")
                .contains("$where=monto_total > 'mucho'\n" + " ".repeat(21) + "^");
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(q(CP, "$where", "ejercicio_fiscal = 2013 ejercicio_fiscal"), "unexpected-token");
        codes.put(q(CP, "$select", "ramo, sum(monto_total)"), "not-grouped");
        codes.put(q(CP, "$where", "sum(monto_total) > 5"), "aggregate-in-where");
        codes.put(q(CP, "$limit", "20000"), "limit-too-large");
        codes.put(q(CP, "$limit", "diez"), "not-whole");
        codes.put(q(CP, "$limt", "10"), "unknown-parameter");
        codes.put(q(CP, "class", "Ministerio"), "no-table");
        codes.put(q(CP, "monto", "5"), "no-column-suggest");
        codes.put(q(CP, "presupuesto", "5"), "no-column");
        codes.put(q(CP, "$order", "ramo.nombre"), "no-subfield");
        for (Map.Entry<String, String> c : codes.entrySet()) {
            HttpResponse<String> bad = get(c.getKey());
            assertThat(bad.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(BundledPortal.JSON.readTree(bad.body()).path("error").path("code").asText()).as(c.getKey()).isEqualTo(c.getValue());
        }
        HttpResponse<String> missing = get("/api/datasets/no-existe/rows");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(BundledPortal.JSON.readTree(missing.body()).path("error").path("message").asText()).contains("no-existe");
        assertThat(get("/api/datasets/no-existe").statusCode()).isEqualTo(404);
        assertThat(portal.get(CP, "text/turtle").statusCode()).isEqualTo(406);
    }

    @Test
    void user_text_never_becomes_query_text() throws Exception {
        // what would close the string and add a pattern in a pasted query is only a value here
        String sneaky = "Aprobado\" } ?s ?p ?o . FILTER(\"1\" = \"1";
        HttpResponse<String> r = get(q(CP, "etapa_presupuestal", sneaky, "$limit", "0"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(total(r)).isZero();
        HttpResponse<String> sparqlText = get(q(CP + ".sparql", "$where", "etapa_presupuestal = '" + sneaky.replace("'", "''") + "'"));
        assertThat(sparqlText.statusCode()).isEqualTo(200);
        assertThat(org.apache.jena.query.QueryFactory.create(sparqlText.body()).getQueryPattern().toString()).contains("\\\"");
    }

    @Test
    void the_sparql_an_answer_stands_for_gives_the_same_rows() throws Exception {
        String[] params = {"$select", "ramo, etapa_presupuestal, monto_total", "$where", "ejercicio_fiscal = 2022 AND monto_total > 1e11",
            "$order", "monto_total DESC", "$limit", "7"};
        HttpResponse<String> api = get(q(CP, params));
        String link = api.headers().allValues("Link").stream().filter(l -> l.contains("describedby")).findFirst().orElseThrow();
        HttpResponse<String> text = get(link.substring(1, link.indexOf('>')));
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("application/sparql-query");
        List<Binding> viaSparql = sparql(portal, text.body().replaceAll("(?m)^PREFIX.*$", ""));
        JsonNode rows = json(api);
        assertThat(viaSparql).hasSize(rows.size()).hasSize(7);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(lex(viaSparql.get(i), "row")).isEqualTo(rows.get(i).path(":id").asText());
            assertThat(new BigDecimal(lex(viaSparql.get(i), "monto_total"))).isEqualByComparingTo(rows.get(i).path("monto_total").decimalValue());
        }
    }

    @Test
    void answers_are_kept_by_data_version_and_validated() throws Exception {
        String path = q(CP, "$select", "ente, count(*)", "$group", "ente", "$where", "ejercicio_fiscal = 2017");
        HttpResponse<String> first = get(path);
        HttpResponse<String> second = get(path);
        assertThat(second.headers().firstValue("X-Cache")).hasValue("hit");
        assertThat(second.body()).isEqualTo(first.body());
        String etag = second.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(path)))
                .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notModified.statusCode()).isEqualTo(304);
        HttpResponse<String> fresh = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(path)))
                .header("Cache-Control", "no-cache").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fresh.headers().firstValue("X-Cache")).isEmpty();
        assertThat(fresh.body()).isEqualTo(first.body());
    }

    @Test
    void any_origin_may_read_the_api() throws Exception {
        HttpResponse<String> r = get(q(CP, "$limit", "1"));
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-Total-Count");
        HttpResponse<String> pre = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(CP)))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("GET");
    }
}
