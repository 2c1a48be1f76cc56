package mx.zocalo.server.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A standalone Fuseki server ({@code target/fuseki/jena-fuseki-server.jar}, copied there by the build) in its own JVM on a
 * free port: one TDB2 dataset {@code /ds} in a temporary folder, with updates and the union default graph, as the README
 * says to run it.
 */
final class FusekiProcess implements AutoCloseable {
    static final Path JAR = Path.of("target/fuseki/jena-fuseki-server.jar");
    private final Process process;
    private final Path log;
    final int port;

    private FusekiProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The dataset URL, e.g. {@code http://localhost:PORT/ds}. */
    String url() {
        return "http://localhost:" + port + "/ds";
    }

    /** What the server has logged so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    static FusekiProcess start(Path work) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "no " + JAR + ": run the tests through Maven (it copies the Fuseki server jar)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path db = Files.createDirectories(work.resolve("fuseki-db"));
        Path log = work.resolve("fuseki.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
                "--port", Integer.toString(port), "--localhost", "--tdb2", "--loc", db.toString(),
                "--set", "tdb2:unionDefaultGraph=true", "--update", "/ds"))
                .directory(work.toFile()) // Fuseki writes its run/ folder into the working directory
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        FusekiProcess f = new FusekiProcess(p, log, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ask = URI.create(f.url() + "/query?query=ASK%7B%7D");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) break;
            try {
                if (http.send(HttpRequest.newBuilder(ask).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return f;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        f.close();
        throw new IllegalStateException("Fuseki did not start on port " + port + ":\n" + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
