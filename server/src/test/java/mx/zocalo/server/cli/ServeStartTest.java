package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.FIXTURES;
import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code zocalo serve} logs when it starts, run as its own process on the test class path. */
class ServeStartTest {
    @TempDir
    Path tmp;

    /** Lets go of the TDB2 store this test process opened in {@code data}, so that another process may open it. */
    static void release(Path data) {
        TDBInternal.expel(DatabaseMgr.connectDatasetGraph(data.resolve("tdb2").toString()));
    }

    /** Starts {@code serve --data DIR ...}, returns its log up to the line saying it serves, and stops it. */
    static List<String> startLog(Path data, String... more) throws IOException, InterruptedException {
        release(data);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ZocaloCommand.class.getName(), "serve", "--data", data.toString()));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
                if (line.contains("serving ")) break;
            }
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        assertThat(lines).as("serve started").anyMatch(l -> l.contains("serving "));
        return lines;
    }

    static List<String> warnings(List<String> log) {
        return log.stream().filter(l -> l.contains(" WARN ")).toList();
    }

    @Test
    void a_directory_filled_by_harvest_starts_without_a_warning() throws Exception {
        Path data = tmp.resolve("harvested");
        assertThat(run("harvest", "--data", data.toString(), HarvestCommandTest.EXAMPLE.toString()).exit()).isZero();
        List<String> log = startLog(data, "--port", "0");
        assertThat(warnings(log)).as(String.join("\n", log)).isEmpty();
    }

    @Test
    void what_another_base_left_gives_one_warning_naming_store_check() throws Exception {
        Path data = StoreCheckCommandTest.mistaken(tmp.resolve("demo"));
        List<String> log = startLog(data, "--port", "0", "--base", StoreCheckCommandTest.RIGHT);
        List<String> warnings = warnings(log);
        assertThat(warnings).as(String.join("\n", log)).hasSize(1);
        assertThat(warnings.get(0)).contains("3 things", StoreCheckCommandTest.WRONG + "graph/catalog",
                "./zocalo store check --data " + data);
    }

    @Test
    void serving_a_directory_on_another_port_than_its_base_says_how_to_match_them() throws Exception {
        Path data = tmp.resolve("data");
        assertThat(run("publish", "--data", data.toString(), "--base", "http://localhost:18080/",
                FIXTURES.resolve("pagos-prueba").toString()).exit()).isZero();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> log = startLog(data, "--port", Integer.toString(port));
        assertThat(warnings(log)).as(String.join("\n", log)).singleElement().asString()
                .contains("http://localhost:18080/", "port " + port, "--port 18080", "--base http://localhost:" + port + "/ --rebase");
        assertThat(log).anyMatch(l -> l.contains("serving http://localhost:18080/ on http://localhost:" + port + "/"));
    }
}
