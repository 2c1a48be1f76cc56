package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import org.junit.jupiter.api.Test;

/**
 * {@code zocalo bench downloads --rows 2000}: the short run of the downloads bench on the real victims file
 * (../shared/data/bench): every RDF download ready after the publish, then each served (200) with its figures.
 */
class DownloadsBenchCommandTest {
    static final Path INPUT = Path.of("/work/shared/data/bench/db_victimas_delitos_ent_long.csv.gz");

    @Test
    void shortRunPrintsEveryDownload() {
        assumeTrue(Files.isRegularFile(INPUT), "the benchmark file is not here: " + INPUT.toAbsolutePath());
        Run r = run("bench", "downloads", "--rows", "2000", "--input", INPUT.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("2,000 rows").contains("all downloads ready");
        for (String ext : DownloadsBenchCommand.FORMATS) {
            if (!ext.equals("nq")) assertThat(r.out()).containsPattern("(?m)^  " + ext + " +ready +[0-9.]+ s after the commit and swap");
            assertThat(r.out()).containsPattern("(?m)^/download/victimas-delitos-bench\\." + ext + " +200 ");
        }
    }

    @Test
    void refusesZeroRows() {
        Run r = run("bench", "downloads", "--rows", "0");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--rows must be 1 or more");
    }
}
