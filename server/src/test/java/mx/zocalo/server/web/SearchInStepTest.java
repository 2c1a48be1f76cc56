package mx.zocalo.server.web;

import static mx.zocalo.server.web.SearchFixtures.api;
import static mx.zocalo.server.web.SearchFixtures.facet;
import static mx.zocalo.server.web.SearchFixtures.iris;
import static mx.zocalo.server.web.TestPortal.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.harvest.Harvester;
import mx.zocalo.server.harvest.SourceReader;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Unpublisher;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search index follows every write: publish, unpublish, harvest (and a source that drops a dataset), a restart. */
class SearchInStepTest {
    static final Path BEES = Path.of("src/test/resources/dcat-ap-3.0.1/examples/example-bee-population.ttl");
    static final String ACCIDENTES = BASE + "dataset/accidentes";

    @TempDir
    Path data;
    @TempDir
    Path tmp;

    @Test
    void publish_and_unpublish_keep_the_index_in_step() throws Exception {
        try (TestPortal portal = new TestPortal(data)) {
            assertThat(api(portal, "q=accidente").path("total").asLong()).isZero();
            portal.publisher.publish(SearchFixtures.FIXTURES.resolve("accidentes-sin-mapeo"), false);
            // found as soon as publish returns, with its records
            assertThat(iris(api(portal, "q=accidente"))).contains(ACCIDENTES);
            assertThat(api(portal, "q=aguascalientes&type=record").path("total").asLong()).isPositive();

            new Unpublisher(portal.store, portal.iris).unpublish("accidentes");
            JsonNode gone = api(portal, "q=accidente");
            assertThat(gone.path("total").asLong()).isZero();
            assertThat(api(portal, "q=aguascalientes").path("total").asLong()).as("its records too").isZero();
            assertThat(portal.get("/search?q=accidente", "text/html").body()).contains("Ninguna coincidencia");

            // published again: found again
            portal.publisher.publish(SearchFixtures.FIXTURES.resolve("accidentes-sin-mapeo"), false);
            assertThat(iris(api(portal, "q=accidente"))).contains(ACCIDENTES);
        }
    }

    @Test
    void a_harvested_dataset_is_found_with_its_source_and_leaves_when_its_source_drops_it() throws Exception {
        try (TestPortal portal = new TestPortal(data)) {
            Harvester harvester = new Harvester(portal.store, portal.iris, new SourceReader(Duration.ofSeconds(10), 100));
            harvester.harvest(BEES.toString(), "grecia");
            JsonNode bees = api(portal, "q=bee");
            assertThat(SearchFixtures.titles(bees)).containsExactly("Bee population");
            assertThat(bees.path("results").get(0).path("url").asText()).isEqualTo("https://data.gov.gr/id/dataset/BeePopulation");
            assertThat(facet(bees, "source")).containsEntry(BASE + "catalog/harvested/grecia", 1L);

            // the same source harvested again without it: withdrawn upstream, no longer found
            Path empty = tmp.resolve("other.ttl");
            java.nio.file.Files.writeString(empty, """
                    @prefix dcat: <http://www.w3.org/ns/dcat#> .
                    @prefix dct: <http://purl.org/dc/terms/> .
                    <https://data.gov.gr/id/dataset/Wasps> a dcat:Dataset ; dct:title "Wasp nests"@en .
                    """);
            harvester.harvest(empty.toString(), "grecia");
            assertThat(api(portal, "q=bee").path("total").asLong()).isZero();
            assertThat(SearchFixtures.titles(api(portal, "q=wasp"))).containsExactly("Wasp nests");
        }
    }

    @Test
    void an_index_behind_the_store_catches_up_when_the_portal_starts() throws Exception {
        try (TestPortal portal = new TestPortal(data)) {
            portal.publisher.publish(SearchFixtures.FIXTURES.resolve("pagos-prueba"), false);
            assertThat(api(portal, "q=pagos").path("total").asLong()).isPositive();
        }
        // written while no portal runs, by a program that does not know the index
        try (TdbStore store = TdbStore.open(data)) {
            new DatasetPublisher(store, new PortalIris(BASE)).publish(SearchFixtures.FIXTURES.resolve("accidentes-sin-mapeo"), false);
        }
        try (TestPortal portal = new TestPortal(data)) {
            JsonNode first = api(portal, "q=accidente");
            // either already caught up, or answering from the index as it was, saying so
            assertThat(first.path("updating").asBoolean() || iris(first).contains(ACCIDENTES)).isTrue();
            JsonNode later = waitFor(portal, "q=accidente");
            assertThat(iris(later)).contains(ACCIDENTES);
            assertThat(later.path("updating").asBoolean()).isFalse();
            assertThat(api(portal, "q=pagos").path("total").asLong()).isPositive();
        }
    }

    @Test
    void a_missing_index_is_built_at_start_and_search_says_503_until_then() throws Exception {
        try (TdbStore store = TdbStore.open(data)) {
            new DatasetPublisher(store, new PortalIris(BASE)).publish(SearchFixtures.FIXTURES.resolve("accidentes-sin-mapeo"), false);
        }
        try (TestPortal portal = new TestPortal(data)) {
            var r = portal.get("/api/search?q=accidente", null);
            if (r.statusCode() == 503) {
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(SearchFixtures.JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("index-building");
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
            assertThat(iris(waitFor(portal, "q=accidente"))).contains(ACCIDENTES);
        }
    }

    /** The answer once the index has caught up (it does so in the background), within a minute. */
    static JsonNode waitFor(TestPortal portal, String query) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            var r = portal.get("/api/search?" + query, null);
            if (r.statusCode() == 200) {
                JsonNode j = SearchFixtures.JSON.readTree(r.body());
                if (!j.path("updating").asBoolean() || System.nanoTime() > until) return j;
            } else if (System.nanoTime() > until) {
                throw new AssertionError("still " + r.statusCode() + ": " + r.body());
            }
            Thread.sleep(100);
        }
    }
}
