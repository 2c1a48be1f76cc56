package mx.zocalo.server.web;

import static mx.zocalo.server.web.SearchFixtures.api;
import static mx.zocalo.server.web.SearchFixtures.iris;
import static mx.zocalo.server.web.SearchFixtures.payments;
import static mx.zocalo.server.web.SearchFixtures.titles;
import static mx.zocalo.server.web.TestPortal.BASE;
import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /search} and {@code /api/search} over a real portal: the fixtures, and datasets made from the payments fixture
 * whose titles, keywords and descriptions put one word in different places.
 */
class SearchTest {
    @TempDir
    static Path data;
    @TempDir
    static Path made;
    static TestPortal portal;

    @BeforeAll
    static void publish() throws Exception {
        portal = new TestPortal(data);
        portal.publisher.publish(SearchFixtures.FIXTURES.resolve("pagos-prueba"), false);
        portal.publisher.publish(SearchFixtures.FIXTURES.resolve("accidentes-sin-mapeo"), false);
        // "bacheo": in a title, in keywords, in a description, and in a record of each ("Bacheo de la calle Hidalgo")
        portal.publisher.publish(payments(made, "rank-titulo", "Bacheo de calles", "Pagos del municipio.", List.of()), false);
        portal.publisher.publish(payments(made, "rank-clave", "Obras públicas", "Pagos del municipio.", List.of("bacheo")), false);
        portal.publisher.publish(payments(made, "rank-descripcion", "Pagos varios",
                "Pagos por bacheo y por concepto de papelería, <b>en negritas</b> & más.", List.of()), false);
        // "concepto": in a title, a description (above), and a column of every payments dataset (CONCEPTO)
        portal.publisher.publish(payments(made, "rank-columna", "Concepto de los pagos", "Pagos del municipio.", List.of()), false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    static String dataset(String slug) {
        return BASE + "dataset/" + slug;
    }

    @Test
    void accents_and_case_do_not_matter() throws Exception {
        for (String q : List.of("tránsito", "TRANSITO", "Transito", "tRáNsItO")) {
            assertThat(iris(api(portal, "q=" + enc(q)))).as(q).contains(dataset("accidentes"));
        }
        // and the other way round: a word written without its accent finds the accented one
        assertThat(iris(api(portal, "q=tesoreria&type=dataset"))).contains(dataset("pagos-prueba"));
    }

    @Test
    void spanish_stemming_finds_accidentes_for_accidente() throws Exception {
        JsonNode r = api(portal, "q=accidente");
        assertThat(r.path("results").get(0).path("iri").asText()).isEqualTo(dataset("accidentes"));
        assertThat(r.path("results").get(0).path("type").asText()).isEqualTo("dataset");
        // the page shows the title with the word marked as it is written there
        String page = portal.get("/search?q=accidente", "text/html").body();
        assertThat(page).contains("<mark>Accidentes</mark> de tránsito por entidad y mes");
    }

    @Test
    void title_ranks_above_keywords_above_description_above_records() throws Exception {
        JsonNode r = api(portal, "q=bacheo&pageSize=100");
        List<String> order = iris(r);
        assertThat(order.subList(0, 3)).containsExactly(dataset("rank-titulo"), dataset("rank-clave"), dataset("rank-descripcion"));
        List<String> types = new ArrayList<>();
        r.path("results").forEach(x -> types.add(x.path("type").asText()));
        assertThat(types.subList(3, types.size())).isNotEmpty().allMatch("record"::equals);
        assertThat(titles(r).subList(3, titles(r).size())).allMatch("Bacheo de la calle Hidalgo"::equals);
        // scores fall from one tier to the next
        assertThat(r.path("results").get(0).path("score").asDouble()).isGreaterThan(r.path("results").get(1).path("score").asDouble());
        assertThat(r.path("results").get(2).path("score").asDouble()).isGreaterThan(r.path("results").get(3).path("score").asDouble());
    }

    @Test
    void description_ranks_above_columns() throws Exception {
        List<String> order = iris(api(portal, "q=concepto&type=dataset&pageSize=100"));
        assertThat(order.get(0)).isEqualTo(dataset("rank-columna")); // title
        assertThat(order.get(1)).isEqualTo(dataset("rank-descripcion")); // description
        // every other payments dataset is found by its CONCEPTO column, below those
        assertThat(order.subList(2, order.size())).contains(dataset("rank-titulo"), dataset("rank-clave"), dataset("pagos-prueba"));
        JsonNode byColumn = api(portal, "q=concepto&type=dataset&pageSize=100").path("results").get(2);
        assertThat(byColumn.path("matches").get(0).path("field").asText()).isEqualTo("column");
        assertThat(byColumn.path("matches").get(0).path("snippet").asText()).containsIgnoringCase("<mark>concepto</mark>");
    }

    @Test
    void records_are_found_by_their_labels_and_link_to_their_pages_with_their_dataset() throws Exception {
        JsonNode r = api(portal, "q=" + enc("papelería núñez") + "&type=record");
        assertThat(r.path("total").asLong()).isPositive();
        JsonNode first = r.path("results").get(0);
        assertThat(first.path("title").asText()).isEqualTo("Papelería Núñez");
        assertThat(first.path("iri").asText()).startsWith(BASE + "id/pagos-prueba/proveedor/");
        assertThat(first.path("url").asText()).isEqualTo(first.path("iri").asText());
        assertThat(first.path("dataset").path("title").asText()).isNotEmpty();
        String path = portal.localPath(first.path("url").asText());
        assertThat(portal.get(path, "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void snippets_mark_the_words_and_escape_the_rest() throws Exception {
        JsonNode r = api(portal, "q=negritas");
        String snippet = r.path("results").get(0).path("snippet").asText();
        assertThat(snippet).contains("&lt;b&gt;en <mark>negritas</mark>&lt;&#x2F;b&gt; &amp; más");
        assertThat(snippet).doesNotContain("<b>");
        String page = portal.get("/search?q=negritas", "text/html").body();
        assertThat(page).contains("&lt;b&gt;en <mark>negritas</mark>&lt;&#x2F;b&gt;").doesNotContain("<b>en");
    }

    @Test
    void a_misspelt_word_gets_a_did_you_mean_link_to_the_corrected_search() throws Exception {
        JsonNode r = api(portal, "q=acidentes");
        assertThat(r.path("total").asLong()).isZero();
        assertThat(r.path("suggestion").path("q").asText()).isEqualTo("accidentes");
        String page = portal.get("/search?q=acidentes", "text/html").body();
        Matcher link = Pattern.compile("<a href=\"([^\"]+)\"[^>]*><strong>accidentes</strong></a>").matcher(page);
        assertThat(link.find()).as("a link to the corrected search").isTrue();
        String corrected = link.group(1).replace("&amp;", "&");
        assertThat(corrected).isEqualTo("/search?q=accidentes");
        assertThat(portal.get(corrected, "text/html").body()).contains("<mark>Accidentes</mark>");
        // the accented form is suggested as the documents write it
        assertThat(api(portal, "q=papeleira").path("suggestion").path("q").asText()).isEqualTo("papelería");
        // words that are found get no suggestion
        assertThat(api(portal, "q=accidentes").path("suggestion").isNull()).isTrue();
    }

    @Test
    void the_header_of_every_page_has_a_labelled_search_box() throws Exception {
        for (String path : List.of("/", "/catalog", "/dataset/pagos-prueba", "/sparql", "/search?q=pagos")) {
            String page = portal.get(path, "text/html").body();
            assertThat(page).as(path).contains("<form class=\"site-search\" method=\"get\" action=\"/search\" role=\"search\"")
                    .contains("<label for=\"site-search-q\"").contains("id=\"site-search-q\" name=\"q\"");
        }
        assertThat(portal.get("/search?q=pagos", "text/html").body()).contains("id=\"site-search-q\" name=\"q\" value=\"pagos\"");
    }

    @Test
    void sort_by_title_and_by_last_modified() throws Exception {
        List<String> byTitle = titles(api(portal, "type=dataset&sort=title&pageSize=100"));
        List<String> sorted = new ArrayList<>(byTitle);
        sorted.sort(java.util.Comparator.comparing(t -> java.text.Normalizer.normalize(t, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT)));
        assertThat(byTitle).hasSize(6).isEqualTo(sorted);
        JsonNode byModified = api(portal, "type=dataset&sort=modified&pageSize=100");
        List<String> modified = new ArrayList<>();
        byModified.path("results").forEach(x -> modified.add(x.path("modified").asText()));
        List<String> desc = new ArrayList<>(modified);
        desc.sort(java.util.Comparator.reverseOrder());
        assertThat(modified).isEqualTo(desc);
        // a dataset without dct:modified counts from when it was last published: the last one published comes first,
        // pagos-prueba (modified: 2024-05-02) last
        assertThat(iris(byModified).get(0)).isEqualTo(dataset("rank-columna"));
        assertThat(iris(byModified).get(5)).isEqualTo(dataset("pagos-prueba"));
        assertThat(modified.get(5)).isEqualTo("2024-05-02");
    }

    @Test
    void json_answer_has_total_results_and_facets() throws Exception {
        HttpResponse<String> raw = portal.get("/api/search?q=pagos&pageSize=2&page=1", null);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode r = SearchFixtures.JSON.readTree(raw.body());
        assertThat(r.has("total")).isTrue();
        assertThat(r.path("results")).hasSize(2);
        JsonNode hit = r.path("results").get(0);
        for (String key : List.of("type", "iri", "url", "title", "snippet", "dataset", "score")) assertThat(hit.has(key)).as(key).isTrue();
        for (String facet : List.of("theme", "publisher", "keyword", "format", "licence", "year", "source")) {
            assertThat(r.path("facets").has(facet)).as(facet).isTrue();
        }
        JsonNode theme = r.path("facets").path("theme").get(0);
        for (String key : List.of("value", "label", "count")) assertThat(theme.has(key)).as(key).isTrue();
        assertThat(r.path("links").path("next").asText()).isEqualTo(BASE + "api/search?q=pagos&pageSize=2&page=2");
        JsonNode second = api(portal, "q=pagos&pageSize=2&page=2");
        assertThat(iris(second)).doesNotContainAnyElementsOf(iris(r));
    }

    @Test
    void bad_parameters_answer_400_in_the_json_error_shape() throws Exception {
        for (String[] bad : new String[][] {{"page=0", "page"}, {"page=x", "page"}, {"pageSize=1000", "pageSize"},
                {"sort=size", "sort"}, {"type=people", "type"}}) {
            HttpResponse<String> r = portal.get("/api/search?q=pagos&" + bad[0], null, "en");
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            JsonNode e = SearchFixtures.JSON.readTree(r.body()).path("error");
            assertThat(e.path("status").asInt()).isEqualTo(400);
            assertThat(e.path("code").asText()).isEqualTo("bad-parameter");
            assertThat(e.path("parameter").asText()).isEqualTo(bad[1]);
            assertThat(e.path("message").asText()).contains(bad[1]);
        }
        HttpResponse<String> es = portal.get("/api/search?sort=tamano", null, "es");
        assertThat(SearchFixtures.JSON.readTree(es.body()).path("error").path("message").asText())
                .isEqualTo("El parámetro sort no admite «tamano»: se espera one of relevance, title, modified.");
        HttpResponse<String> page = portal.get("/search?page=0", "text/html");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("page");
    }
}
