package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of real child JVMs ({@code publish}, {@code harvest}, {@code serve}) on a real data directory, a few trials
 * ({@code ./zocalo bench crash} runs the full set, at random moments too): a publish killed before its commit (right
 * after its catalog phase began) must leave the previous version served byte-identical; two killed after their commit,
 * in the middle of their file swap, must leave the new version served whole (the swap finished at the next start, with
 * a log line); a harvest killed in its write transaction and a portal killed while serving under load.
 */
class CrashTrialsTest {
    @TempDir
    Path tmp;

    @Test
    void killed_publish_harvest_and_serve_leave_a_portal_that_starts_serves_and_publishes_again() throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        CrashTrials t = new CrashTrials(tmp, CrashBenchCommand.mapping(), CrashBenchCommand.table(), 7, List.of(), out);
        List<CrashTrials.Trial> done = new ArrayList<>();
        try {
            t.start(false);
            CrashTrials.Trial before = t.publish(0, "catalog");
            CrashTrials.Trial after = t.publish(1, "files:previous-moved");
            CrashTrials.Trial history = t.publish(2, "files:history");
            done.addAll(List.of(before, after, history));
            done.add(t.harvest(0, "writing"));
            done.add(t.serve(0));
            CrashBenchCommand.summary(done, out);
            assertThat(before.outcome()).as(text.toString()).isEqualTo("previous version served byte-identical");
            assertThat(after.outcome()).as(text.toString()).isEqualTo("new version served whole");
            assertThat(history.outcome()).as(text.toString()).isEqualTo("new version served whole");
        } finally {
            t.close();
            System.out.print(text);
        }
        assertThat(done).as(text.toString()).noneMatch(CrashTrials.Trial::failed);
        assertThat(done.get(4).outcome()).as(text.toString()).startsWith("previous version served byte-identical");
    }

    @Test
    void a_bulk_publish_killed_while_loading_or_swapping_leaves_one_whole_version_and_no_unfinished_generation() throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        CrashTrials t = new CrashTrials(tmp.resolve("bulk"), CrashBenchCommand.mapping(), CrashBenchCommand.table(), 11, List.of("bulk"), out);
        List<CrashTrials.Trial> done = new ArrayList<>();
        try {
            t.start(false);
            done.add(t.publish(0, "loading"));
            done.add(t.publish(1, "swapping"));
            CrashBenchCommand.summary(done, out);
        } finally {
            t.close();
            System.out.print(text);
        }
        assertThat(done).as(text.toString()).noneMatch(CrashTrials.Trial::failed);
        // killed 0-30 ms after the line: before the rename the previous version stays, after it the new one is whole
        assertThat(done).as(text.toString()).allMatch(x -> x.outcome().startsWith("previous version served byte-identical")
                || x.outcome().startsWith("new version served whole"));
        assertThat(text.toString()).contains("load=bulk");
    }
}
