package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import org.junit.jupiter.api.Test;

/**
 * {@code zocalo bench soak} for about 20 seconds: the traffic reaches every route, the republished dataset gets a new
 * version while it is read, the slow query is stopped by the time limit, and the behaviour verdicts hold: no 5xx
 * outside the limits' documented 503s, no answer mixing two versions, none older than the last finished publish.
 * Figures (p99 drift, heap, open files) are printed, never asserted here: they are for the long runs.
 */
class SoakCommandTest {
    static final Path MAPPINGS = Path.of("../mappings");

    @Test
    void a_short_soak_reaches_every_route_republishes_and_finds_no_5xx_nor_mixed_versions() {
        assumeTrue(Files.isDirectory(MAPPINGS.resolve("accidentes-carreteros")), "no ../mappings folder");
        Run r = run("bench", "soak", "--minutes", "0.33", "--warmup", "2", "--clients", "8", "--publish-every", "5",
                "--sample-every", "3", "--query-timeout", "2", "--mappings", MAPPINGS.toString(), "--datasets", "accidentes-carreteros",
                "--versioned-file", MAPPINGS.resolve("accidentes-carreteros/sct_71_accidentes_mes.csv").toString());
        String out = r.out();
        assertThat(out).as(r.err()).contains("published soak-versiones version 1: 384 rows").contains("search index ready");
        // at least one republish while the clients read (more when the machine is not busy: a 384-row publish takes 1-20 s)
        assertThat(out).containsPattern("published version 2: 345 rows in [\\d.]+ s");
        assertThat(out).containsPattern("t= +\\d+ s  requests +[\\d,]+  heap after GC +[\\d.]+ MB  threads +\\d+  open files +\\d+");
        for (String route : new String[] {"home", "catalog page", "dataset page", "resource page", "explorer page", "versioned dataset page",
            "catalog.ttl", "catalog.jsonld", "search page", "search api", "row api", "versioned rows", "versioned rows by version",
            "sparql select", "sparql describe", "sparql aggregate", "versioned sparql count"}) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(route) + " +(\\d+) +[\\d.]+ +[\\d.]+ +[\\d.]+  (.*)$").matcher(out);
            assertThat(m.find()).as(route + " in\n" + out).isTrue();
            assertThat(Long.parseLong(m.group(1))).as(route + " requests").isPositive();
        }
        // the slow query hits the 2 s time limit: a documented 503, not an error of the verdict
        assertThat(out).containsPattern("(?m)^sparql slow \\(time limit\\) +[1-9]\\d* .*503-limit:[1-9]");
        assertThat(out).containsPattern("versioned rows by version .*\\(checked [1-9]\\d*, with a mark [1-9]\\d*, mixed 0, stale 0\\)");
        assertThat(out).contains("verdict ok   5xx (or no answer) outside the documented 503s of the limits: 0")
                .containsPattern("verdict ok   answers mixing two versions \\(or a count not of one version\\): 0 of [1-9]\\d* checked \\([1-9]\\d* with a version mark\\)")
                .contains("verdict ok   answers of a version older than the last publish finished before they were asked: 0")
                .containsPattern("verdict ok   publishes: (\\d+) of \\1 succeeded")
                .containsPattern("verdict (ok  |FAIL) pages p99: first third [\\d.]+ ms, last third [\\d.]+ ms")
                .containsPattern("verdict (ok  |FAIL) heap after GC: first third [\\d.]+ MB, last third [\\d.]+ MB")
                .containsPattern("verdict (ok  |FAIL) open files: first third \\d+, last third \\d+")
                .containsPattern("soak: (PASS|FAIL)");
        assertThat(r.exit()).isEqualTo(out.contains("soak: PASS") ? 0 : 1);
    }

    @Test
    void a_missing_dataset_is_told_with_the_options_to_use() {
        Run r = run("bench", "soak", "--minutes", "0.1", "--mappings", MAPPINGS.toString(), "--datasets", "no-such-dataset");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("No dataset no-such-dataset").contains("--datasets");
    }
}
