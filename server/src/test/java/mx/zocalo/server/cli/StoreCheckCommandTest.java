package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.FIXTURES;
import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.DataDirectory;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zocalo store check} and {@code store drop} on the data directory: a dataset published under the
 * default base by mistake, then again under the right one, by an earlier version (no base recorded).
 */
class StoreCheckCommandTest {
    static final String WRONG = "http://localhost:8080/";
    static final String RIGHT = "http://localhost:18080/";

    @TempDir
    Path tmp;

    /** What an earlier version left: the demo under :18080, one dataset also under :8080, and no recorded base. */
    static Path mistaken(Path data) {
        for (String base : List.of(RIGHT, WRONG)) {
            PortalIris iris = new PortalIris(base);
            try (TdbStore store = TdbStore.open(data)) {
                Vocabularies.load(store, iris);
                new DatasetPublisher(store, iris).publish(FIXTURES.resolve("pagos-prueba"), false);
            }
        }
        return data;
    }

    /** The commands `store check` prints, as argument lists for {@link ZocaloCommandTest#run}. */
    static List<String[]> commands(String out) {
        List<String[]> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+\\./zocalo (.+)$").matcher(out);
        while (m.find()) {
            List<String> args = new ArrayList<>();
            Matcher w = Pattern.compile("'([^']*)'|(\\S+)").matcher(m.group(1));
            while (w.find()) args.add(w.group(1) != null ? w.group(1) : w.group(2));
            found.add(args.toArray(String[]::new));
        }
        return found;
    }

    @Test
    void the_graphs_of_another_base_are_listed_with_the_commands_that_remove_them() {
        Path data = mistaken(tmp.resolve("demo dir"));
        // two catalogs, no recorded base: the command asks which one
        Run ambiguous = run("store", "check", "--data", data.toString());
        assertThat(ambiguous.exit()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("several base IRIs", RIGHT, WRONG, "--base");

        Run check = run("store", "check", "--data", data.toString(), "--base", RIGHT);
        assertThat(check.exit()).as("findings: exit 1").isEqualTo(1);
        assertThat(DataDirectory.read(data).orElseThrow().base()).isEqualTo(RIGHT);
        assertThat(check.out()).contains("3 things", WRONG + "graph/catalog", WRONG + "graph/pagos-prueba", WRONG + "graph/vocabularies",
                "the catalog of another base, " + WRONG + " (pagos-prueba)")
                .doesNotContain(RIGHT + "graph/");
        List<String[]> commands = commands(check.out());
        assertThat(commands).hasSize(3);
        for (String[] c : commands) {
            assertThat(c).startsWith("store", "drop").contains("--data", data.toString());
            Run r = run(c);
            assertThat(r.exit()).as(String.join(" ", c) + "\n" + r.err()).isZero();
            assertThat(r.out()).startsWith("dropped " + c[2]);
        }
        Run clean = run("store", "check", "--data", data.toString());
        assertThat(clean.exit()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("holds nothing outside the catalog of " + RIGHT);
    }

    @Test
    void drop_refuses_the_portal_s_own_graphs_and_unknown_ones() {
        Path data = tmp.resolve("data");
        assertThat(run("publish", "--data", data.toString(), FIXTURES.resolve("pagos-prueba").toString()).exit()).isZero();
        PortalIris iris = new PortalIris(StoreOptions.DEFAULT_BASE);
        Run live = run("store", "drop", "--data", data.toString(), iris.datasetGraph("pagos-prueba").getURI());
        assertThat(live.exit()).isEqualTo(1);
        assertThat(live.err()).contains("published dataset pagos-prueba", "zocalo unpublish pagos-prueba");
        assertThat(run("store", "drop", "--data", data.toString(), iris.catalogGraph().getURI()).err()).contains("own catalog");
        assertThat(run("store", "drop", "--data", data.toString(), "http://example.org/nada").err()).contains("no graph http://example.org/nada");
        assertThat(run("store", "check", "--data", data.toString()).exit()).isZero();
    }

    @Test
    void a_harvested_catalog_belongs_to_the_portal_and_leftover_files_are_listed() throws Exception {
        Path data = tmp.resolve("harvested");
        assertThat(run("harvest", "--data", data.toString(), HarvestCommandTest.EXAMPLE.toString()).exit()).isZero();
        Run check = run("store", "check", "--data", data.toString());
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out()).doesNotContain("catalog/harvested");
        Files.createDirectories(data.resolve("files/olvidado"));
        Run files = run("store", "check", "--data", data.toString());
        assertThat(files.exit()).isEqualTo(1);
        assertThat(files.out()).contains("files of no dataset in the catalog", "rm -r " + data.resolve("files/olvidado"));
    }
}
