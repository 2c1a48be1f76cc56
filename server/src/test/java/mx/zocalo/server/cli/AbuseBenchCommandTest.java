package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import org.junit.jupiter.api.Test;

/** {@code bench abuse}, short: every abusive query within its limit, and a flood from its own process while pages are timed. */
class AbuseBenchCommandTest {
    @Test
    void a_short_run_stops_every_query_and_times_pages_during_a_flood_from_another_process() {
        Run r = run("bench", "abuse", "--rows", "300", "--seconds", "3", "--clients", "40", "--queries", "20",
                "--query-timeout", "1", "--flood-nice", "10");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("NOT ALLOWED")
                .containsPattern("flood \\(its own process, nice 10\\): \\d+ queries from 40 connections in \\d+\\.\\d s: \\{.*503 busy=\\d+")
                .containsPattern("outside the limits: 0;")
                .containsPattern("during the abuse +\\d+ +\\d+\\.\\d\\d +\\d+\\.\\d\\d +0\\n")
                .containsPattern("page p99 during / unloaded = \\d+\\.\\d\\d");
    }
}
