package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's SPARQLWrapper (Debian's python3-sparqlwrapper, seen by /usr/bin/python3) against the endpoint. */
class SparqlWrapperTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPT = Path.of("src/test/resources/python/sparqlwrapper_client.py");

    @TempDir
    static Path data;
    static TestPortal portal;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
        assumeTrue(run(List.of(PYTHON.toString(), "-c", "import SPARQLWrapper, rdflib")).exit() == 0,
                "SPARQLWrapper or rdflib missing for " + PYTHON + " (apt-get install python3-sparqlwrapper python3-rdflib)");
        portal = new TestPortal(data);
        portal.publisher.publish(TestPortal.FIXTURE, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    record Run(int exit, String out) {}

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void sparqlwrapper_runs_select_ask_and_construct() throws Exception {
        Run r = run(List.of(PYTHON.toString(), SCRIPT.toString(), portal.url("/sparql"), TestPortal.BASE));
        assertThat(r.exit()).as(r.out()).isZero();
        String b = TestPortal.BASE;
        assertThat(r.out()).contains(
                "SELECT GET Papel para oficina " + b + "id/pagos-prueba/pago/1",
                "SELECT POST Vacunas de invierno " + b + "id/pagos-prueba/pago/4",
                "SELECT-XML GET 4", "SELECT-XML POST 4", "SELECT-CSV GET 4", "SELECT-CSV POST 4",
                "ASK GET True", "ASK POST True", "ASK-XML GET true", "ASK-XML POST true",
                "CONSTRUCT turtle GET " + b + "id/pagos-prueba/pago/1 Papel para oficina",
                "CONSTRUCT rdf+xml GET " + b + "id/pagos-prueba/pago/3 Tóner para impresoras",
                "CONSTRUCT n3 POST " + b + "id/pagos-prueba/pago/4 Vacunas de invierno",
                "CONSTRUCT xml POST " + b + "id/pagos-prueba/pago/2 Bacheo de la calle Hidalgo",
                "DONE");
        assertThat(r.out().lines().filter(l -> l.startsWith("SELECT GET "))).hasSize(4);
        assertThat(r.out().lines().filter(l -> l.startsWith("CONSTRUCT turtle GET "))).hasSize(4);
    }
}
