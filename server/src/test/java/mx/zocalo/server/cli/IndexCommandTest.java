package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.FIXTURES;
import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.search.SearchIndex;
import mx.zocalo.server.search.SearchQuery;
import mx.zocalo.server.search.SearchResults;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zocalo index rebuild}, and the index kept in step by {@code publish} and {@code unpublish} on the command line. */
class IndexCommandTest {
    static final PortalIris IRIS = new PortalIris(StoreOptions.DEFAULT_BASE);

    @TempDir
    Path tmp;

    static SearchResults search(Path data, String q) {
        try (TdbStore store = TdbStore.open(data)) {
            SearchIndex index = SearchIndex.attach(store, IRIS);
            return index.search(SearchQuery.of(Map.of("q", List.of(q)), "es"));
        }
    }

    @Test
    void publish_and_unpublish_on_the_command_line_keep_the_index_in_step() {
        Path data = tmp.resolve("data");
        assertThat(run("publish", "--data", data.toString(), FIXTURES.resolve("accidentes-sin-mapeo").toString()).exit()).isZero();
        assertThat(Files.isDirectory(data.resolve("indexes/search"))).isTrue();
        assertThat(search(data, "accidente").datasets()).isEqualTo(1);
        assertThat(run("unpublish", "--data", data.toString(), "accidentes").exit()).isZero();
        assertThat(search(data, "accidente").total()).isZero();
    }

    @Test
    void rebuild_builds_the_index_again_from_the_store() throws Exception {
        Path data = tmp.resolve("data");
        // published by a program that does not keep the index: nothing found
        try (TdbStore store = TdbStore.open(data)) {
            new DatasetPublisher(store, IRIS).publish(FIXTURES.resolve("pagos-prueba"), false);
        }
        Files.writeString(data.resolve("zocalo-data.properties"), "base=" + IRIS.base() + "\n");
        try (TdbStore store = TdbStore.open(data)) {
            SearchIndex index = SearchIndex.attach(store, IRIS);
            assertThat(index.built()).isFalse();
            assertThat(index.current()).isFalse();
        }

        Run r = run("index", "rebuild", "--data", data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).matches("(?s)rebuilt search: 1 datasets and \\d+ records indexed in \\d+ ms\\s*"
                + "rebuilt rows: 1 datasets, \\d+ rows indexed in \\d+ ms\\s*");
        assertThat(data.resolve("indexes/rows")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("pagos-prueba~"));
        SearchResults found = search(data, "pagos");
        assertThat(found.datasets()).isEqualTo(1);
        assertThat(search(data, "papelería").records()).isPositive();
    }

    @Test
    void rebuild_without_a_store_says_so() {
        Run r = run("index", "rebuild", "--data", tmp.resolve("nothing").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("No store in").contains("--data");
    }
}
