package mx.zocalo.server.web;

import static mx.zocalo.server.web.SearchFixtures.api;
import static mx.zocalo.server.web.SearchFixtures.facet;
import static mx.zocalo.server.web.TestPortal.BASE;
import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.harvest.Harvester;
import mx.zocalo.server.harvest.SourceReader;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facet counts of {@code /api/search} against independent SPARQL over the catalog; combining and removing facets. */
class SearchFacetsTest {
    static final String THEMES = "http://publications.europa.eu/resource/authority/data-theme/";
    static final String HARVESTED = BASE + "catalog/harvested/grecia";
    /** The live datasets of the catalog: the portal's, and the harvested ones not withdrawn upstream. */
    static final String LIVE = """
            PREFIX dcat: <http://www.w3.org/ns/dcat#>
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX adms: <http://www.w3.org/ns/adms#>
            PREFIX foaf: <http://xmlns.com/foaf/0.1/>
            """;

    @TempDir
    static Path data;
    static TestPortal portal;

    @BeforeAll
    static void publish() throws Exception {
        portal = new TestPortal(data);
        for (String f : List.of("pagos-prueba", "accidentes-sin-mapeo", "delitos-municipio")) {
            portal.publisher.publish(SearchFixtures.FIXTURES.resolve(f), false);
        }
        new Harvester(portal.store, portal.iris, new SourceReader(Duration.ofSeconds(10), 100))
                .harvest(Path.of("src/test/resources/dcat-ap-3.0.1/examples/example-bee-population.ttl").toString(), "grecia");
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    /** Runs a SELECT through the portal's SPARQL endpoint. */
    static List<QuerySolution> sparql(String query) throws Exception {
        HttpResponse<String> r = portal.get("/sparql?query=" + enc(query), "application/sparql-results+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON);
        List<QuerySolution> out = new ArrayList<>();
        rs.forEachRemaining(out::add);
        return out;
    }

    /** value → number of live datasets, from a query binding ?d (dataset) and ?v (value) over the catalog graph. */
    static Map<String, Long> counts(String pattern) throws Exception {
        String q = LIVE + "SELECT ?v (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH <" + BASE + "graph/catalog> {"
                + " { <" + BASE + "catalog> dcat:dataset ?d } UNION { <" + BASE + "catalog> dcat:catalog ?c . ?c dcat:dataset ?d"
                + " FILTER NOT EXISTS { ?d adms:status <http://purl.org/adms/status/Withdrawn> } }"
                + pattern + " } } GROUP BY ?v";
        Map<String, Long> out = new TreeMap<>();
        for (QuerySolution s : sparql(q)) {
            String v = s.get("v").isLiteral() ? s.getLiteral("v").getLexicalForm() : s.getResource("v").getURI();
            out.put(v, s.getLiteral("n").getLong());
        }
        return out;
    }

    static Map<String, Long> sorted(Map<String, Long> m) {
        return new TreeMap<>(m);
    }

    @Test
    void every_facet_counts_what_sparql_counts_over_the_catalog() throws Exception {
        JsonNode all = api(portal, "pageSize=1");
        assertThat(all.path("total").asLong()).isEqualTo(4); // three published, one harvested

        Map<String, Long> themes = new TreeMap<>();
        counts(" ?d dcat:theme ?v .").forEach((k, n) -> themes.put(k.startsWith(THEMES) ? k.substring(THEMES.length()) : k, n));
        assertThat(sorted(facet(all, "theme"))).isEqualTo(themes);
        assertThat(sorted(facet(all, "publisher"))).isEqualTo(counts(" ?d dct:publisher ?v ."));
        assertThat(sorted(facet(all, "licence"))).isEqualTo(counts(" ?d dct:license ?v ."));
        Map<String, Long> formats = new TreeMap<>();
        counts(" ?d dcat:distribution/dct:format ?v .").forEach((k, n) -> formats.put(k.replaceAll(".*/", ""), n));
        assertThat(sorted(facet(all, "format"))).isEqualTo(formats);
        assertThat(sorted(facet(all, "keyword"))).isEqualTo(counts(" ?d dcat:keyword ?v . FILTER(lang(?v) = 'es' || lang(?v) = '')"));
        JsonNode en = api(portal, "pageSize=1&lang=en");
        assertThat(sorted(facet(en, "keyword"))).isEqualTo(counts(" ?d dcat:keyword ?v . FILTER(lang(?v) = 'en' || lang(?v) = '')"));
        Map<String, Long> sources = counts(" { <" + BASE + "catalog> dcat:dataset ?d BIND(<" + BASE + "catalog> AS ?v) }"
                + " UNION { ?v dcat:dataset ?d . <" + BASE + "catalog> dcat:catalog ?v }");
        assertThat(sorted(facet(all, "source"))).isEqualTo(sources).containsEntry(HARVESTED, 1L);

        // years: every year from the start of each temporal coverage to its end
        Map<String, Long> years = new TreeMap<>();
        Map<String, Set<String>> yearsOf = new TreeMap<>();
        for (QuerySolution s : sparql(LIVE + "SELECT ?d ?start ?end WHERE { GRAPH <" + BASE + "graph/catalog> { <" + BASE
                + "catalog> dcat:dataset ?d . ?d dct:temporal ?t . OPTIONAL { ?t dcat:startDate ?start } OPTIONAL { ?t dcat:endDate ?end } } }")) {
            int from = Integer.parseInt((s.contains("start") ? s.getLiteral("start") : s.getLiteral("end")).getLexicalForm().substring(0, 4));
            int to = Integer.parseInt((s.contains("end") ? s.getLiteral("end") : s.getLiteral("start")).getLexicalForm().substring(0, 4));
            for (int y = from; y <= to; y++) yearsOf.computeIfAbsent(Integer.toString(y), k -> new HashSet<>()).add(s.getResource("d").getURI());
        }
        yearsOf.forEach((y, ds) -> years.put(y, (long) ds.size()));
        assertThat(years).isNotEmpty();
        assertThat(sorted(facet(all, "year"))).isEqualTo(years);
    }

    @Test
    void facets_combine_with_and_and_their_counts_follow_the_query() throws Exception {
        JsonNode just = api(portal, "theme=JUST&pageSize=50");
        Map<String, Long> justCount = counts(" ?d dcat:theme <" + THEMES + "JUST> . BIND('x' AS ?v)");
        assertThat(just.path("total").asLong()).isEqualTo(justCount.getOrDefault("x", 0L));
        // a second facet narrows: theme AND year
        JsonNode both = api(portal, "theme=JUST&year=2012&pageSize=50");
        assertThat(both.path("total").asLong()).isLessThanOrEqualTo(just.path("total").asLong());
        for (JsonNode r : both.path("results")) {
            String d = r.path("iri").asText();
            assertThat(counts(" ?d dcat:theme <" + THEMES + "JUST> . FILTER(?d = <" + d + ">) BIND('x' AS ?v)")).containsKey("x");
        }
        // two values of one facet: both must hold (GOVE and ECON: the payments fixture)
        JsonNode two = api(portal, "theme=GOVE&theme=ECON");
        Map<String, Long> twoCount = counts(" ?d dcat:theme <" + THEMES + "GOVE>, <" + THEMES + "ECON> . BIND('x' AS ?v)");
        assertThat(two.path("total").asLong()).isEqualTo(twoCount.get("x"));
        // the counts are those of the filtered datasets
        assertThat(facet(two, "theme")).containsEntry("GOVE", twoCount.get("x")).containsEntry("ECON", twoCount.get("x"));
        // a records query keeps to the records of the filtered datasets
        JsonNode records = api(portal, "q=" + enc("aguascalientes") + "&type=record&theme=GOVE");
        assertThat(records.path("total").asLong()).isZero();
        assertThat(api(portal, "q=aguascalientes&type=record&theme=TRAN").path("total").asLong()).isPositive();
        // the source facet finds the harvested dataset
        JsonNode harvested = api(portal, "source=" + enc(HARVESTED));
        assertThat(SearchFixtures.titles(harvested)).containsExactly("Bee population");
    }

    @Test
    void each_facet_value_is_a_link_and_an_active_one_a_link_that_removes_it() throws Exception {
        String page = portal.get("/search?q=&lang=es", "text/html").body();
        Matcher just = Pattern.compile("<a href=\"(/search\\?theme=JUST)\" rel=\"nofollow\">Justicia, sistema judicial y seguridad pública <span class=\"count\">\\((\\d+)\\)</span>").matcher(page);
        assertThat(just.find()).as("a link for the JUST theme").isTrue();
        String filtered = portal.get(just.group(1).replace("&amp;", "&"), "text/html").body();
        assertThat(filtered).contains("1–" + just.group(2) + " de " + just.group(2) + " resultados");
        // the active filter is listed, and its link leads back to the search without it
        Matcher remove = Pattern.compile("<a href=\"([^\"]*)\" rel=\"nofollow\" aria-label=\"Quitar el filtro: Tema: ([^\"]+)\"").matcher(filtered);
        assertThat(remove.find()).isTrue();
        assertThat(remove.group(1)).isEqualTo("/search");
        // with two filters, removing one keeps the other
        String two = portal.get("/search?theme=JUST&year=2012", "text/html").body();
        Matcher removeYear = Pattern.compile("<a href=\"([^\"]*)\" rel=\"nofollow\" aria-label=\"Quitar el filtro: Año: 2012\"").matcher(two);
        assertThat(removeYear.find()).isTrue();
        assertThat(removeYear.group(1)).isEqualTo("/search?theme=JUST");
    }
}
