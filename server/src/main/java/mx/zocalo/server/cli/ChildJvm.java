package mx.zocalo.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a Java program as a child JVM for a benchmark and measures it from outside: wall time to exit, the moment a
 * marker line first appears on its output, every log line of the {@code zocalo.publish} phases with its time, peak
 * resident memory (VmHWM of {@code /proc/PID/status}, polled) and peak heap in use (from its own GC log).
 */
final class ChildJvm {
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** What a run gave: exit code, seconds to exit, seconds to the marker (0 when not seen), memory, phase lines, last lines. */
    record Result(int exit, double seconds, double markSeconds, double cpuSeconds, double markCpuSeconds, long peakRssMb, long peakHeapMb,
                  List<String> phases, String tail) {}

    private ChildJvm() {}

    static Result run(List<String> args, Path log, String marker) throws IOException, InterruptedException {
        Path gcLog = Path.of(log + ".gc");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xlog:gc:file=" + gcLog);
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        double[] mark = {0};
        List<String> phases = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var w = Files.newBufferedWriter(log)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    double at = (System.nanoTime() - t0) / 1e9;
                    w.write(String.format(Locale.ROOT, "%8.2f %s%n", at, line));
                    w.flush();
                    if (marker != null && mark[0] == 0 && line.contains(marker)) mark[0] = at;
                    if (line.contains("INFO  publish - ")) {
                        synchronized (phases) {
                            phases.add(String.format(Locale.ROOT, "%7.1f s  %s", at, line.replaceFirst("^.* - ", "")));
                        }
                    }
                    synchronized (tail) {
                        tail.add(line);
                        if (tail.size() > 20) tail.remove(0);
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        long peakKb = 0;
        long cpuNanos = 0;
        Path status = Path.of("/proc/" + p.pid() + "/status");
        ProcessHandle handle = p.toHandle();
        long markCpuNanos = 0;
        while (!p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, hwmKb(status));
            // CPU time of every thread, polled: on a shared machine a fairer figure than wall time (up to 0.1 s short)
            cpuNanos = Math.max(cpuNanos, handle.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L));
            if (mark[0] == 0) markCpuNanos = cpuNanos; // until the marker: the CPU the child spent to reach it
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        reader.join(5000);
        long peakHeap = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC.matcher(line);
                if (m.find()) peakHeap = Math.max(peakHeap, Long.parseLong(m.group(1)));
            }
        }
        synchronized (tail) {
            return new Result(p.exitValue(), seconds, mark[0], cpuNanos / 1e9, mark[0] > 0 ? markCpuNanos / 1e9 : 0, peakKb / 1024, peakHeap, List.copyOf(phases), String.join("\n", tail));
        }
    }

    private static long hwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            // the process just ended
        }
        return 0;
    }

    /** The jar with {@code tdb2.tdbloader}: Fuseki's, copied for the tests, else in the local Maven repository. */
    static Path fusekiJar() {
        String home = System.getenv("ZOCALO_HOME");
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(home == null || home.isBlank() ? "." : home, "server/target/fuseki/jena-fuseki-server.jar"));
        candidates.add(Path.of("target/fuseki/jena-fuseki-server.jar"));
        candidates.add(Path.of(System.getProperty("user.home"), ".m2/repository/org/apache/jena/jena-fuseki-server/5.6.0/jena-fuseki-server-5.6.0.jar"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
