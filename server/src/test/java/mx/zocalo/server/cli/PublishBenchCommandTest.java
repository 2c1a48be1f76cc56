package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
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
                .containsPattern("tdb2.tdbloader --loader=phased +\\d+\\.\\d s")
                .containsPattern("ratio: .* = \\d+\\.\\d\\dx")
                .contains("peak RSS");
        // the phases of the publish, as it logged them, in order
        assertThat(r.out()).containsSubsequence("reading", "converting", "loading", "catalog", "swapping", "the new version is served");
        // both stores hold the 3,000 rows' triples: the loader's directory and the publish's
        assertThat(tmp.resolve("w/tdbloader-phased")).isDirectory();
        assertThat(tmp.resolve("w/publish-bulk/tdb2/Data-0002")).isDirectory();
    }
}
