package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench publish}, short: 1,000 rows of the benchmark through publish (bulk) and tdb2.tdbloader. */
class PublishBenchCommandTest {
    static final Path INPUT = Path.of("/work/shared/data/bench/db_victimas_delitos_ent_long.csv.gz");

    @TempDir
    Path tmp;

    @Test
    void a_short_run_prints_both_times_the_ratio_and_memory() {
        assumeTrue(Files.isRegularFile(INPUT), "the benchmark file of ../shared/data");
        assumeTrue(ChildJvm.fusekiJar() != null, "the Fuseki jar with tdb2.tdbloader (copied by the build for the tests)");
        Run r = run("bench", "publish", "--rows", "1000", "--load", "bulk", "--loader", "phased", "--heap", "512m",
                "--input", INPUT.toString(), "--work", tmp.resolve("w").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("publish --load bulk +served after +\\d+\\.\\d s")
                .containsPattern("tdb2.tdbloader --loader=phased +quads +\\d+\\.\\d s")
                .containsPattern("tdb2.tdbloader --loader=phased +triples +\\d+\\.\\d s")
                .containsPattern("ratio against quads: .* = \\d+\\.\\d\\dx \\(target")
                .containsPattern("ratio against triples: .* = \\d+\\.\\d\\dx")
                .contains("peak RSS");
        // the phases of the publish, as it logged them, in order
        assertThat(r.out()).containsSubsequence("reading", "converting", "loading", "catalog", "swapping", "the new version is served");
        // both stores hold the 3,000 rows' triples: the loader's directory and the publish's
        assertThat(tmp.resolve("w/publish-bulk/tdb2/Data-0002")).isDirectory();
        Node graph = NodeFactory.createURI(StoreOptions.DEFAULT_BASE + "graph/" + PublishBenchCommand.SLUG);
        long published = count(tmp.resolve("w/publish-bulk/tdb2"), graph);
        assertThat(published).isGreaterThan(3000);
        // the loader's quads are the publish's graph, triple for triple; its triples are the same ones, in the default graph
        assertThat(count(tmp.resolve("w/tdbloader-phased-quads"), graph)).isEqualTo(published);
        assertThat(count(tmp.resolve("w/tdbloader-phased-triples"), Quad.defaultGraphIRI)).isEqualTo(published);
    }

    private static long count(Path location, Node graph) {
        var dsg = DatabaseMgr.connectDatasetGraph(location.toString());
        try {
            return Txn.calculateRead(dsg, () -> dsg.getGraph(graph).size());
        } finally {
            TDBInternal.expel(dsg);
        }
    }
}
