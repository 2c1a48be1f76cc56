package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zocalo bench explore --short}: it runs and prints p50 and p99 of each query beside its SPARQL (never checks timings). */
class ExploreBenchCommandTest {
    static final Path MAPPINGS = Path.of("../mappings");

    @TempDir
    Path tmp;

    @Test
    void short_run_prints_the_four_queries_with_their_figures_and_reuses_the_store() {
        assumeTrue(Files.isDirectory(MAPPINGS.resolve("incidencia-delictiva-estatal")), "no ../mappings folder");
        Path data = tmp.resolve("bench");
        Run r = run("bench", "explore", "--short", "--data", data.toString(), "--mappings", MAPPINGS.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String figures = " +\\d+ / +\\d+ +\\d+ / +\\d+ +\\d+ / +\\d+ +\\d+\\.\\d\\dx  (row index|SPARQL)";
        assertThat(r.out()).contains("incidencia-delictiva-estatal (38,016 rows)")
                .containsPattern("\\(a\\) filtered, sorted first page" + figures)
                .containsPattern("\\(b\\) group by with sum" + figures)
                .containsPattern("\\(c\\) \\$q search" + figures)
                .containsPattern("\\(d\\) deep page \\(offset 20,500\\)" + figures)
                .contains("API p50/p99").contains("SPARQL page").contains("page+count");
        assertThat(r.out()).containsPattern("\\(a\\) .*row index").containsPattern("\\(b\\) .*row index");

        Run again = run("bench", "explore", "--short", "--without-index", "--data", data.toString(), "--mappings", MAPPINGS.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("already published, reused").doesNotContain("row index\n").contains("row index off");
    }

    @Test
    void a_missing_large_file_is_told_with_the_option_to_give() {
        Run r = run("bench", "explore", "--data", tmp.resolve("b").toString(), "--mappings", MAPPINGS.toString(),
                "--input", tmp.resolve("none.csv.gz").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("927,360-row file was not found").contains("--input FILE").contains("--small-only");
    }
}
