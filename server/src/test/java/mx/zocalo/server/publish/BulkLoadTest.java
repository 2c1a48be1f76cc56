package mx.zocalo.server.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk path of a publish (Jena's bulk loader building the store's next generation, swapped in) on a real file:
 * the same graph and record as the write transaction, the previous version intact after a failure mid-load, and an
 * unfinished generation removed when the store opens.
 */
class BulkLoadTest {
    static final PortalIris IRIS = new PortalIris("https://datos.example.mx/");
    static final String SLUG = "accidentes-carreteros";
    static final Path REAL = Path.of("/work/shared/data/accidents-states/sct_71_accidentes_mes.csv");

    @TempDir
    Path tmp;

    /** The bundled dataset folder with the real file of ../shared/data in it. */
    Path dataset() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("source"));
        try (Stream<Path> s = Files.list(Path.of("../mappings/" + SLUG))) {
            for (Path p : s.toList()) Files.copy(p, folder.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path real = Files.exists(REAL) ? REAL : Path.of("/work/shared/data/accidents-states/sct_71_accidentes_mes.csv");
        Files.copy(real, folder.resolve("sct_71_accidentes_mes.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }

    @Test
    void bulk_publish_and_republish_give_the_graph_and_record_of_the_transaction() throws IOException {
        Path source = dataset();
        Set<Quad> tx;
        Set<String> txRecord;
        try (TdbStore store = TdbStore.open(tmp.resolve("tx"))) {
            DatasetPublisher p = new DatasetPublisher(store, IRIS).load(LoadMode.TRANSACTION, null);
            p.publish(source, false);
            p.publish(source, true);
            tx = graph(store);
            txRecord = record(store);
        }
        Path data = tmp.resolve("bulk");
        try (TdbStore store = TdbStore.open(data)) {
            DatasetPublisher p = new DatasetPublisher(store, IRIS).load(LoadMode.BULK, mx.zocalo.server.store.TdbGenerations.Loader.PHASED);
            PublishOutcome first = p.publish(source, false);
            assertThat(first.triples()).isGreaterThan(1000);
            assertThat(generations(data)).containsExactly("Data-0002"); // the first generation was replaced
            PublishOutcome again = p.publish(source, true);
            assertThat(again.triples()).isEqualTo(first.triples());
            assertThat(generations(data)).containsExactly("Data-0003");
            Set<Quad> bulk = graph(store);
            assertThat(bulk).hasSize(tx.size()).isEqualTo(tx);
            Set<String> bulkRecord = record(store);
            Set<String> onlyTx = new HashSet<>(txRecord);
            onlyTx.removeAll(bulkRecord);
            Set<String> onlyBulk = new HashSet<>(bulkRecord);
            onlyBulk.removeAll(txRecord);
            assertThat(onlyBulk).as("only in the bulk record; only in the transaction's: %s", onlyTx).isEmpty();
            assertThat(onlyTx).isEmpty();
            assertThat(store.filesDirectory().resolve(SLUG + "/sct_71_accidentes_mes.csv")).exists();
        }
        try (TdbStore store = TdbStore.open(data)) { // reopened: the swapped-in generation is the store
            assertThat(graph(store)).isEqualTo(tx);
        }
    }

    @Test
    void a_store_with_a_patch_log_publishes_in_one_transaction_that_its_replicas_receive() throws IOException {
        Path source = dataset();
        Path data = tmp.resolve("primary");
        try (TdbStore store = TdbStore.open(data)) {
            long before = store.startPatchLog().latest();
            DatasetPublisher p = new DatasetPublisher(store, IRIS).load(LoadMode.BULK, mx.zocalo.server.store.TdbGenerations.Loader.PHASED);
            PublishOutcome done = p.publish(source, false);
            assertThat(done.triples()).isGreaterThan(1000);
            // no new generation (it would bypass the log): the write went through it as a patch
            assertThat(generations(data)).containsExactly("Data-0001");
            assertThat(store.patchLog().orElseThrow().latest()).isGreaterThan(before);
            assertThat(graph(store)).hasSize((int) done.triples());
        }
    }

    @Test
    void a_failure_mid_load_leaves_the_previous_version() throws IOException {
        Path source = dataset();
        Path data = tmp.resolve("data");
        try (TdbStore store = TdbStore.open(data)) {
            DatasetPublisher p = new DatasetPublisher(store, IRIS).load(LoadMode.BULK, mx.zocalo.server.store.TdbGenerations.Loader.PHASED);
            p.publish(source, false);
            Set<Quad> before = all(store);
            Node modified = modified(store);
            List<String> gens = generations(data);
            // the next version's file breaks at its end: an opening quote never closed, after every good row
            Files.writeString(source.resolve("sct_71_accidentes_mes.csv"), "\"Nuevo Leon,2020,1,", StandardOpenOption.APPEND);
            assertThatThrownBy(() -> p.publish(source, false)).isInstanceOf(RuntimeException.class);
            assertThat(all(store)).isEqualTo(before);
            assertThat(modified(store)).isEqualTo(modified);
            assertThat(generations(data)).isEqualTo(gens);
            try (Stream<Path> s = Files.list(data.resolve("tdb2"))) {
                assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.endsWith("-tmp"));
            }
            assertThat(data.resolve("files/." + SLUG + ".incoming")).doesNotExist();
        }
    }

    @Test
    void an_unfinished_generation_is_removed_when_the_store_opens() throws IOException {
        Path data = tmp.resolve("data");
        try (TdbStore store = TdbStore.open(data)) {
            new DatasetPublisher(store, IRIS).load(LoadMode.BULK, mx.zocalo.server.store.TdbGenerations.Loader.PHASED).publish(dataset(), false);
        }
        Path unfinished = Files.createDirectories(data.resolve("tdb2/Data-0003-tmp"));
        Files.writeString(unfinished.resolve("nodes.dat"), "half a load");
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var capture = LogCapture.of("zocalo.store", logged); TdbStore store = TdbStore.open(data)) {
            assertThat(unfinished).doesNotExist();
            assertThat(logged).anyMatch(m -> m.contains("removed an unfinished load") && m.contains("Data-0003-tmp"));
            long triples = store.read(dsg -> dsg.getGraph(IRIS.datasetGraph(SLUG)).size());
            assertThat(triples).isGreaterThan(1000);
        }
    }

    static List<String> generations(Path data) throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("tdb2"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("Data-")).sorted().toList();
        }
    }

    static Set<Quad> graph(TdbStore store) {
        return store.read(dsg -> {
            Set<Quad> out = new HashSet<>();
            dsg.find(IRIS.datasetGraph(SLUG), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(out::add);
            return out;
        });
    }

    static Set<Quad> all(TdbStore store) {
        return store.read(dsg -> {
            Set<Quad> out = new HashSet<>();
            dsg.find().forEachRemaining(out::add);
            return out;
        });
    }

    static Node modified(TdbStore store) {
        return store.read(dsg -> dsg.find(IRIS.catalogGraph(), IRIS.catalog(), DCTerms.modified.asNode(), Node.ANY).next().getObject());
    }

    /**
     * The dataset's catalog record, but its times and blank nodes (which differ from one publish to the next) and the
     * checksums of its RDF downloads.
     */
    static Set<String> record(TdbStore store) {
        return store.read(dsg -> {
            Set<String> out = new HashSet<>();
            for (Quad q : DatasetPublisher.recordQuads(dsg, IRIS, SLUG)) {
                Node o = q.getObject();
                if (o.isBlank() || q.getSubject().isBlank()) continue;
                if (o.isLiteral() && XSDDatatype.XSDdateTime.getURI().equals(o.getLiteralDatatypeURI())) continue;
                // an RDF download lists the triples in the store's order, which the bulk loader numbers differently:
                // same bytes in another order (its byte size is compared), another checksum
                if (q.getSubject().getURI().matches(".*/distribution/(ttl|nt|nq|jsonld|rdf)#checksum")
                        && q.getPredicate().getURI().endsWith("#checksumValue")) continue;
                out.add(q.getSubject() + " " + q.getPredicate() + " " + o);
            }
            return out;
        });
    }
}
