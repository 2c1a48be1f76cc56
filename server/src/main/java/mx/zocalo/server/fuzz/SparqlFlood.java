package mx.zocalo.server.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A flood of slow SPARQL queries ({@link SparqlAbuse#flood}) from its own process, as the flooding clients of a real
 * portal are on other machines: their threads, allocation and garbage collection then do not stop the portal's JVM.
 * {@link #start} runs it as a child JVM (under {@code nice} when asked: the stand-in for clients whose CPU is not the
 * portal's); its tally is one line on standard output when its time is up.
 */
public final class SparqlFlood {
    private static final String TALLY = "flood-tally ";

    private SparqlFlood() {}

    /** {@code host port clients seconds}: floods for that long, then prints the tally. */
    public static void main(String[] args) throws InterruptedException {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        long millis = Long.parseLong(args[3]) * 1000;
        AtomicBoolean stop = new AtomicBoolean();
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.set(true);
        });
        timer.setDaemon(true);
        timer.start();
        SparqlAbuse.Flood f = SparqlAbuse.flood(host, port, Integer.MAX_VALUE, clients, 120_000, stop);
        StringBuilder outcomes = new StringBuilder();
        f.outcomes().forEach((k, v) -> outcomes.append(k.replace(' ', '_')).append('=').append(v).append(','));
        System.out.printf(Locale.ROOT, "%s%d %d %d %.3f %s%n", TALLY, f.sent(), f.wrong(), f.slowestMillis(), f.seconds(), outcomes);
        System.out.flush();
        System.exit(0);
    }

    /** A running flood in a child JVM. */
    public static final class Child {
        private final Process process;

        private Child(Process process) {
            this.process = process;
        }

        /** Waits for the flood's end and reads its tally. */
        public SparqlAbuse.Flood tally() throws IOException, InterruptedException {
            String line = null;
            List<String> output = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    output.add(l);
                    if (l.startsWith(TALLY)) line = l.substring(TALLY.length());
                }
            }
            int exit = process.waitFor();
            if (line == null || exit != 0) throw new IOException("the flood process ended with exit " + exit + ": " + String.join("\n", output));
            String[] f = line.split(" ");
            java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
            if (f.length > 4) {
                for (String kv : f[4].split(",")) {
                    if (kv.isEmpty()) continue;
                    int eq = kv.lastIndexOf('=');
                    outcomes.put(kv.substring(0, eq).replace('_', ' '), Integer.parseInt(kv.substring(eq + 1)));
                }
            }
            return new SparqlAbuse.Flood(Integer.parseInt(f[0]), outcomes, Integer.parseInt(f[1]), Long.parseLong(f[2]),
                    Double.parseDouble(f[3]));
        }
    }

    /**
     * Starts a flood of {@code clients} connections against {@code host:port} for {@code seconds}, in a child JVM with
     * this one's class path, at {@code nice} (0: the portal's own priority; 19: the lowest).
     */
    public static Child start(String host, int port, int clients, int seconds, int nice) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        if (nice != 0) cmd.addAll(List.of("nice", "-n", String.valueOf(nice)));
        cmd.addAll(List.of(java, "-Xmx512m", "-Xss256k", "-cp", System.getProperty("java.class.path"), SparqlFlood.class.getName(),
                host, String.valueOf(port), String.valueOf(clients), String.valueOf(seconds)));
        return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }
}
