package mx.zocalo.server.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Unpublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row index follows the store and is never used when it does not reflect it: a republish is answered from the new
 * data, a write the index did not follow (another program, a remote store) sends queries to SPARQL until it syncs, a
 * deleted or damaged folder is answered by SPARQL and built again, an unpublished dataset's folder goes, and a rebuild
 * builds everything again. Every answer is compared with the one SPARQL gives.
 */
class RowIndexLifecycleTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/filas-prueba");
    static final PortalIris IRIS = new PortalIris("https://datos.example.mx/");
    static final String SLUG = "filas-prueba";
    static final RowQuery QUERY = RowQuery.builder().where("cantidad >= 2").order("cantidad DESC, nombre").limit(5).build();

    @TempDir
    Path tmp;

    /** The answer through the index when it can, checked against SPARQL's; and whether the index gave it. */
    static RowResult answer(TdbStore store) {
        RowResult a = TableService.builder(store, IRIS).build().query(SLUG, QUERY, false);
        RowResult b = TableService.builder(store, IRIS).rowIndex(false).build().query(SLUG, QUERY, false);
        assertThat(a.rows()).isEqualTo(b.rows());
        assertThat(a.total()).isEqualTo(b.total());
        return a;
    }

    static List<String> folders(Path data) throws Exception {
        try (Stream<Path> s = Files.list(data.resolve("indexes/rows"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A copy of the fixture whose first row's CANTIDAD is {@code cantidad}. */
    Path fixtureWith(String cantidad) throws Exception {
        Path copy = tmp.resolve("fixture-" + cantidad);
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(FIXTURE)) {
            for (Path p : s.toList()) Files.copy(p, copy.resolve(p.getFileName()));
        }
        List<String> lines = Files.readAllLines(copy.resolve("filas.csv"));
        String[] first = lines.get(1).split(",", -1);
        first[3] = cantidad;
        lines.set(1, String.join(",", first));
        Files.write(copy.resolve("filas.csv"), lines);
        return copy;
    }

    @Test
    void a_republish_is_answered_from_the_new_data_and_the_old_folder_goes() throws Exception {
        Path data = tmp.resolve("data");
        try (TdbStore store = TdbStore.open(data)) {
            Vocabularies.load(store, IRIS);
            RowIndex.attach(store, IRIS);
            DatasetPublisher publisher = new DatasetPublisher(store, IRIS);
            publisher.publish(FIXTURE, false);
            RowResult before = answer(store);
            assertThat(before.indexed()).isTrue();
            List<String> first = folders(data);
            assertThat(first).hasSize(1).allMatch(n -> n.startsWith(SLUG + "~"));

            publisher.publish(fixtureWith("5000000"), false);
            RowResult after = answer(store);
            assertThat(after.indexed()).isTrue();
            assertThat(after.rows().get(0).iri()).endsWith("/fila/001");
            assertThat(after.total()).isEqualTo(before.total() + (before.rows().stream().anyMatch(r -> r.iri().endsWith("/001")) ? 0 : 1));
            assertThat(folders(data)).hasSize(1).doesNotContainAnyElementsOf(first);

            new Unpublisher(store, IRIS).unpublish(SLUG);
            assertThat(folders(data)).isEmpty();
            assertThatThrownBy(() -> TableService.builder(store, IRIS).build().query(SLUG, QUERY, false))
                    .isInstanceOf(NoSuchDatasetException.class);
        }
    }

    @Test
    void a_write_the_index_did_not_follow_is_answered_by_sparql_until_it_syncs() throws Exception {
        Path data = tmp.resolve("data");
        try (TdbStore store = TdbStore.open(data)) {
            Vocabularies.load(store, IRIS);
            RowIndex index = RowIndex.attach(store, IRIS);
            new DatasetPublisher(store, IRIS).publish(FIXTURE, false);
            assertThat(answer(store).indexed()).isTrue();
            // another program changes a value and the record's dct:modified, and calls no afterWrite()
            Node row = NodeFactory.createURI(IRIS.base() + "id/filas-prueba/fila/002");
            Node cantidad = IRIS.term("cantidad");
            store.write(dsg -> {
                dsg.deleteAny(IRIS.datasetGraph(SLUG), row, cantidad, Node.ANY);
                dsg.add(IRIS.datasetGraph(SLUG), row, cantidad, NodeFactory.createLiteralDT("7000000", XSDDatatype.XSDinteger));
                dsg.deleteAny(IRIS.catalogGraph(), IRIS.record(SLUG), DCTerms.modified.asNode(), Node.ANY);
                dsg.add(IRIS.catalogGraph(), IRIS.record(SLUG), DCTerms.modified.asNode(),
                        NodeFactory.createLiteralDT("2031-01-01T00:00:00Z", XSDDatatype.XSDdateTime));
            });
            RowResult stale = answer(store);
            assertThat(stale.indexed()).isFalse(); // the stamp changed: the index is not used
            assertThat(stale.rows().get(0).iri()).endsWith("/fila/002");
            index.sync();
            RowResult synced = answer(store);
            assertThat(synced.indexed()).isTrue();
            assertThat(synced.rows().get(0).iri()).endsWith("/fila/002");
        }
    }

    @Test
    void a_deleted_or_damaged_folder_is_answered_by_sparql_and_built_again() throws Exception {
        Path data = tmp.resolve("data");
        try (TdbStore store = TdbStore.open(data)) {
            Vocabularies.load(store, IRIS);
            RowIndex.attach(store, IRIS);
            new DatasetPublisher(store, IRIS).publish(FIXTURE, false);
        }
        // damaged: every file of the folder overwritten, with no portal running
        Path folder = data.resolve("indexes/rows").resolve(folders(data).get(0));
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) Files.write(p, new byte[] {1, 2, 3});
        }
        try (TdbStore store = TdbStore.open(data)) {
            RowIndex.attach(store, IRIS);
            assertThat(answer(store).indexed()).isFalse();
            awaitIndexed(store);
            // deleted while in use
            delete(data.resolve("indexes/rows"));
            Files.createDirectories(data.resolve("indexes/rows"));
            RowIndex.attach(store, IRIS).rebuild();
            assertThat(answer(store).indexed()).isTrue();
        }
        delete(data.resolve("indexes/rows"));
        try (TdbStore store = TdbStore.open(data)) {
            RowIndex.attach(store, IRIS);
            assertThat(answer(store).indexed()).isFalse(); // missing: SPARQL answers, and it is built in the background
            awaitIndexed(store);
        }
    }

    @Test
    void rebuild_builds_every_dataset_again() throws Exception {
        Path data = tmp.resolve("data");
        try (TdbStore store = TdbStore.open(data)) {
            // published by a program that keeps no row index
            Vocabularies.load(store, IRIS);
            new DatasetPublisher(store, IRIS).publish(FIXTURE, false);
        }
        try (TdbStore store = TdbStore.open(data)) {
            RowIndex index = RowIndex.attach(store, IRIS);
            assertThat(Files.list(data.resolve("indexes/rows")).count()).isZero();
            assertThat(index.rebuild()).matches("rows: 1 datasets, 64 rows indexed in \\d+ ms");
            assertThat(answer(store).indexed()).isTrue();
        }
    }

    static void awaitIndexed(TdbStore store) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (answer(store).indexed()) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the row index was not built again within 30 s");
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
