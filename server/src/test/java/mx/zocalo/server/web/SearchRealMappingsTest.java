package mx.zocalo.server.web;

import static mx.zocalo.server.web.SearchFixtures.api;
import static mx.zocalo.server.web.SearchFixtures.iris;
import static mx.zocalo.server.web.TestPortal.BASE;
import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.DatasetDescription;
import mx.zocalo.server.catalog.DescriptionReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search over the bundled demo datasets in {@code ../mappings}, published as {@code zocalo demo} does. */
class SearchRealMappingsTest {
    static final Path MAPPINGS = Path.of("../mappings");

    @TempDir
    static Path data;
    static TestPortal portal;
    static List<DatasetDescription> descriptions;

    @BeforeAll
    static void publishAll() throws Exception {
        assumeTrue(Files.isDirectory(MAPPINGS), "no ../mappings folder");
        try (Stream<Path> s = Files.list(MAPPINGS)) {
            descriptions = s.filter(p -> Files.isRegularFile(p.resolve("dataset.yaml"))).map(DescriptionReader::read).toList();
        }
        portal = new TestPortal(data);
        portal.publisher.publishAll(MAPPINGS, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    @Test
    void every_bundled_dataset_is_found_first_by_its_title_in_both_languages() throws Exception {
        assertThat(api(portal, "type=dataset").path("total").asLong()).isEqualTo(descriptions.size());
        for (DatasetDescription d : descriptions) {
            for (String lang : List.of("es", "en")) {
                JsonNode r = api(portal, "q=" + enc(d.title().get(lang)) + "&lang=" + lang);
                assertThat(iris(r).get(0)).as(d.slug() + " " + lang).isEqualTo(BASE + "dataset/" + d.slug());
                assertThat(r.path("results").get(0).path("title").asText()).isEqualTo(d.title().get(lang));
            }
        }
    }

    @Test
    void poblacion_without_its_accent_finds_the_census() throws Exception {
        JsonNode r = api(portal, "q=poblacion&type=dataset");
        assertThat(iris(r)).contains(BASE + "dataset/localidades-nuevo-leon");
        assertThat(r.path("results").get(0).path("snippet").asText()).contains("<mark>Población</mark>");
    }

    @Test
    void records_of_the_crime_dataset_are_found_by_their_labels_below_the_dataset() throws Exception {
        JsonNode r = api(portal, "q=robo&pageSize=5");
        assertThat(r.path("results").get(0).path("iri").asText()).isEqualTo(BASE + "dataset/incidencia-delictiva-estatal");
        assertThat(r.path("totals").path("records").asLong()).isGreaterThan(1000);
        JsonNode record = r.path("results").get(1);
        assertThat(record.path("type").asText()).isEqualTo("record");
        assertThat(record.path("dataset").path("iri").asText()).isEqualTo(BASE + "dataset/incidencia-delictiva-estatal");
        assertThat(portal.get(portal.localPath(record.path("url").asText()), "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void a_column_label_finds_its_dataset_and_a_misspelling_gets_a_suggestion() throws Exception {
        // "gasto de operación" is the label of a property of the public account's table
        JsonNode r = api(portal, "q=" + enc("gasto de operación") + "&type=dataset");
        assertThat(iris(r)).contains(BASE + "dataset/cuenta-publica");
        assertThat(api(portal, "q=monterey").path("suggestion").path("q").asText()).isEqualTo("monterrey");
    }
}
