package mx.zocalo.server.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server in its own JVM on a free loopback port, for the benchmarks that compare servers or run several: {@code zocalo
 * serve} (same classpath as this JVM) or the standalone Fuseki server jar. Started and waited for until its SPARQL
 * endpoint answers; closing stops it (SIGTERM, then SIGKILL after 20 s) so the TDB2 store it held is free again.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    final int port;
    private final String queryPath;

    private ServerProcess(Process process, Path log, int port, String queryPath) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.queryPath = queryPath;
    }

    /** The SPARQL query endpoint. */
    String queryUrl() {
        return "http://localhost:" + port + queryPath;
    }

    String baseUrl() {
        return "http://localhost:" + port + "/";
    }

    long pid() {
        return process.pid();
    }

    /** The Fuseki jar copied by the test build, else the one in the local Maven repository; null when neither exists. */
    static Path findFusekiJar() {
        String home = System.getenv("ZOCALO_HOME");
        List<Path> candidates = new ArrayList<>();
        if (home != null) candidates.add(Path.of(home, "server", "target", "fuseki", "jena-fuseki-server.jar"));
        candidates.add(Path.of("server", "target", "fuseki", "jena-fuseki-server.jar"));
        candidates.add(Path.of("target", "fuseki", "jena-fuseki-server.jar"));
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "apache", "jena", "jena-fuseki-server",
                "5.6.0", "jena-fuseki-server-5.6.0.jar"));
        for (Path p : candidates) if (Files.isRegularFile(p)) return p;
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code zocalo serve --data DATA} with this JVM's classpath and the given extra arguments. */
    static ServerProcess zocalo(Path work, Path data, String heap, String... more) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                "mx.zocalo.server.cli.ZocaloCommand", "serve", "--data", data.toString(), "--port", Integer.toString(port)));
        cmd.addAll(List.of(more));
        return start(cmd, work, work.resolve("zocalo-" + port + ".log"), port, "/sparql");
    }

    /** Any {@code zocalo} command that serves HTTP on {@code port} (e.g. a replica). */
    static ServerProcess zocaloCommand(Path work, String heap, int port, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                "mx.zocalo.server.cli.ZocaloCommand"));
        cmd.addAll(args);
        return start(cmd, work, work.resolve("zocalo-" + port + ".log"), port, "/sparql");
    }

    /** Runs a {@code zocalo} command to its end in its own JVM; fails with its output when it does not exit with 0. */
    static void run(Path work, String heap, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                "mx.zocalo.server.cli.ZocaloCommand"));
        cmd.addAll(args);
        Path log = Files.createTempFile(work, "command-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) throw new IllegalStateException("zocalo " + String.join(" ", args) + " failed:\n" + Files.readString(log));
    }

    /** Stock Fuseki, read-only, on the TDB2 folder {@code tdb2}, with the union default graph, as dataset {@code /ds}. */
    static ServerProcess fuseki(Path work, Path jar, Path tdb2, String heap) throws IOException, InterruptedException {
        int port = freePort();
        Path dir = Files.createDirectories(work.resolve("fuseki-run"));
        List<String> cmd = List.of(java(), "-Xmx" + heap, "-jar", jar.toAbsolutePath().toString(), "--port", Integer.toString(port),
                "--localhost", "--tdb2", "--loc", tdb2.toString(), "--set", "tdb2:unionDefaultGraph=true", "/ds");
        return start(cmd, dir, work.resolve("fuseki-" + port + ".log"), port, "/ds/query");
    }

    private static ServerProcess start(List<String> cmd, Path dir, Path log, int port, String queryPath)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess s = new ServerProcess(p, log, port, queryPath);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ask = URI.create(s.queryUrl() + "?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                HttpRequest r = HttpRequest.newBuilder(ask).header("Accept", "application/sparql-results+json").build();
                if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return s;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        s.close();
        throw new IllegalStateException("The server did not start on port " + port + " (" + String.join(" ", cmd.subList(0, 1))
                + " ...):\n" + Files.readString(log));
    }

    /**
     * Waits until the process is idle (under 15 % of one core over 2 s; read from {@code /proc/PID/stat}), at most
     * {@code max}: a fresh replica builds its search and row indexes in the background after catching up, which must
     * not weigh on a measure. Returns whether it settled; without {@code /proc} it returns at once.
     */
    boolean awaitIdle(Duration max) throws InterruptedException {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        long deadline = System.nanoTime() + max.toNanos();
        long before = cpuTicks(stat);
        if (before < 0) return true;
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            long now = cpuTicks(stat);
            if (now < 0) return false;
            if (now - before < 30) return true; // clock ticks of 10 ms: under 0.3 s of CPU in 2 s
            before = now;
        }
        return false;
    }

    private static long cpuTicks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** What the server has logged so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
