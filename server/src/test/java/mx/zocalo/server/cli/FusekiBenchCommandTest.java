package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zocalo bench fuseki}, short: one small real dataset, one round of a second each. Both servers (the portal and
 * stock Fuseki, each a child JVM on the same TDB2 store) answer the check queries alike and the figures are printed
 * (never checked: timings are the command's business).
 */
class FusekiBenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void short_run_compares_both_servers_on_the_same_answers() {
        assumeTrue(Files.isDirectory(Path.of("../mappings/accidentes-carreteros")), "no ../mappings folder");
        assumeTrue(Files.isRegularFile(FusekiProcess.JAR), "no " + FusekiProcess.JAR + ": run the tests through Maven");
        Run r = run("bench", "fuseki", "--mappings", "../mappings", "--datasets", "accidentes-carreteros", "--data",
                tmp.resolve("data").toString(), "--seconds", "1", "--warmup", "1", "--rounds", "1", "--clients", "2", "--heap", "384m");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("published accidentes-carreteros")
                .contains("check queries with the same answer on both: 24 of 24")
                .containsPattern("1 +zocalo +\\d+\\.\\d")
                .containsPattern("1 +fuseki +\\d+\\.\\d")
                .containsPattern("zocalo / fuseki = \\d+\\.\\d\\d");
    }
}
