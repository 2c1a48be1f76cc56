package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.FIXTURES;
import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zocalo unpublish}: the graph, the record (kept, withdrawn), the files; errors; publishing again. */
class UnpublishCommandTest {
    static final PortalIris IRIS = new PortalIris(StoreOptions.DEFAULT_BASE);
    static final Node STATUS = NodeFactory.createURI("http://www.w3.org/ns/adms#status");
    static final Node DELETED = NodeFactory.createURI("http://purl.org/adms/changetype/deleted");
    static final Node WITHDRAWN = NodeFactory.createURI("http://purl.org/adms/status/Withdrawn");

    @TempDir
    Path tmp;

    record State(long graphTriples, boolean listed, boolean recordDeleted, boolean datasetWithdrawn, boolean fingerprint,
                 List<Node> titles, List<Node> topics) {}

    static State state(Path data, String slug) {
        try (TdbStore store = TdbStore.open(data)) {
            return store.read(dsg -> {
                Node cat = IRIS.catalogGraph();
                Node ds = IRIS.dataset(slug);
                Node rec = IRIS.record(slug);
                List<Node> titles = new ArrayList<>();
                dsg.find(cat, ds, DCTerms.title.asNode(), Node.ANY).forEachRemaining(q -> titles.add(q.getObject()));
                List<Node> topics = new ArrayList<>();
                dsg.find(cat, rec, FOAF.primaryTopic.asNode(), Node.ANY).forEachRemaining(q -> topics.add(q.getObject()));
                return new State(dsg.getGraph(IRIS.datasetGraph(slug)).size(),
                        dsg.contains(cat, IRIS.catalog(), DCAT.dataset.asNode(), ds),
                        dsg.contains(cat, rec, STATUS, DELETED) && dsg.contains(cat, IRIS.catalog(), DCAT.record.asNode(), rec),
                        dsg.contains(cat, ds, STATUS, WITHDRAWN),
                        dsg.contains(cat, rec, IRIS.term("sourceSha256"), Node.ANY), titles, topics);
            });
        }
    }

    @Test
    void unpublish_removes_graph_and_files_keeps_a_withdrawn_record_and_a_republish_brings_it_back() {
        Path data = tmp.resolve("data");
        assertThat(run("publish", "--data", data.toString(), FIXTURES.resolve("pagos-prueba").toString(),
                FIXTURES.resolve("accidentes-sin-mapeo").toString()).exit()).isZero();
        State before = state(data, "pagos-prueba");
        assertThat(before.graphTriples()).isGreaterThan(0);
        assertThat(before.listed()).isTrue();
        assertThat(Files.isDirectory(data.resolve("files/pagos-prueba"))).isTrue();

        Run r = run("unpublish", "--data", data.toString(), "pagos-prueba");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("pagos-prueba: withdrawn (" + before.graphTriples() + " triples removed)", "410");

        State after = state(data, "pagos-prueba");
        assertThat(after.graphTriples()).isZero();
        assertThat(after.listed()).as("no longer a dataset of the catalog").isFalse();
        assertThat(after.recordDeleted()).as("a record with change type deleted, still in the catalog").isTrue();
        assertThat(after.datasetWithdrawn()).isTrue();
        assertThat(after.topics()).containsExactly(IRIS.dataset("pagos-prueba"));
        assertThat(after.titles()).containsExactlyInAnyOrderElementsOf(before.titles());
        assertThat(after.fingerprint()).as("so that publishing the same files again is not skipped").isFalse();
        assertThat(data.resolve("files/pagos-prueba")).doesNotExist();
        assertThat(state(data, "accidentes").listed()).as("the other dataset is untouched").isTrue();
        assertThat(run("store", "check", "--data", data.toString()).exit()).as("a withdrawn record leaves nothing behind").isZero();

        Run again = run("unpublish", "--data", data.toString(), "pagos-prueba");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already withdrawn");

        Run back = run("publish", "--data", data.toString(), FIXTURES.resolve("pagos-prueba").toString());
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.err()).contains("pagos-prueba: 4 rows");
        State republished = state(data, "pagos-prueba");
        assertThat(republished.graphTriples()).isEqualTo(before.graphTriples());
        assertThat(republished.listed()).isTrue();
        assertThat(republished.recordDeleted()).isFalse();
        assertThat(republished.datasetWithdrawn()).isFalse();
        assertThat(Files.isRegularFile(data.resolve("files/pagos-prueba/pagos.csv"))).isTrue();
    }

    @Test
    void an_unknown_slug_is_an_error_naming_the_datasets_there_and_nothing_changes() {
        Path data = tmp.resolve("data");
        assertThat(run("publish", "--data", data.toString(), FIXTURES.resolve("pagos-prueba").toString()).exit()).isZero();
        State before = state(data, "pagos-prueba");
        Run r = run("unpublish", "--data", data.toString(), "pagos");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("zocalo unpublish: No dataset 'pagos'", "pagos-prueba");
        assertThat(run("unpublish", "--data", data.toString(), "../files").err()).contains("not a dataset slug");
        assertThat(state(data, "pagos-prueba")).isEqualTo(before);
        Run nowhere = run("unpublish", "--data", tmp.resolve("nothing-here").toString(), "pagos-prueba");
        assertThat(nowhere.exit()).isEqualTo(1);
        assertThat(nowhere.err()).contains("No store in");
        assertThat(tmp.resolve("nothing-here")).doesNotExist();
    }

    @Test
    void help_explains_the_withdrawal() {
        Run r = run("unpublish", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: zocalo unpublish", "SLUG", "410 Gone", "--data", "--store", "--base");
        assertThat(run("--help").out()).contains("unpublish", "store");
        assertThat(run("store", "--help").out()).contains("check", "drop");
    }
}
