package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench crash}: kills {@code publish}, {@code harvest} and {@code serve} with {@code kill -9} at random
 * moments ({@link CrashTrials}) and checks, after each kill, that the portal starts again serving the previous
 * version byte-identical (or the new one whole, if the kill came after the commit), with nothing staged or orphaned
 * left, and that publishing again succeeds. Prints each trial and a summary; exits 1 if any trial failed.
 */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = {"Kill publish, harvest and serve (separate JVMs) with kill -9 at random moments and check, after "
                + "each kill, that the store opens, the previous version is served byte-identical (or the new one whole "
                + "when the kill came after the commit), no staged file or orphan graph is left, and publishing again works.",
                "The dataset is a real table (accidents-states), published in full and cut, in turn, into a temporary "
                        + "data directory."})
public final class CrashBenchCommand implements Callable<Integer> {
    @Option(names = "--trials", defaultValue = "20", paramLabel = "N", description = "Publish trials, or trials of the --kind given (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--kind", defaultValue = "all", paramLabel = "KIND",
            description = "publish, harvest, serve or all (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--seed", defaultValue = "16", paramLabel = "S", description = "Seed of the random moments (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--harvest-trials", paramLabel = "N",
            description = "With --kind all: harvest and serve trials (default: a quarter of --trials, at least 1).")
    Integer others;

    @Option(names = "--load", split = ",", paramLabel = "MODE",
            description = "The publish's --load modes, taken in turn by the publish trials (default: none given, the publish's default).")
    List<String> load = new ArrayList<>();

    @Option(names = "--keep", description = "Keep the temporary data directory (its path is printed).")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!List.of("publish", "harvest", "serve", "all").contains(kind)) {
            spec.commandLine().getErr().println("zocalo bench crash: --kind is publish, harvest, serve or all, not " + kind);
            return 2;
        }
        Path work = Files.createTempDirectory("zocalo-crash");
        out.println("data directory: " + work.resolve("data"));
        List<CrashTrials.Trial> done = run(work, trials, kind, others == null ? Math.max(1, trials / 4) : others, seed, load, out);
        summary(done, out);
        if (!keep) deleteTree(work);
        return done.stream().anyMatch(CrashTrials.Trial::failed) ? 1 : 0;
    }

    /** Runs the trials: {@code n} of {@code kind} (with all: n publish trials, {@code others} harvest and serve trials). */
    static List<CrashTrials.Trial> run(Path work, int n, String kind, int others, long seed, List<String> loads, PrintWriter out)
            throws Exception {
        CrashTrials t = new CrashTrials(work, mapping(), table(), seed, loads, out);
        try {
            t.start(true);
            int publish = kind.equals("publish") || kind.equals("all") ? n : 0;
            int harvest = kind.equals("harvest") ? n : kind.equals("all") ? others : 0;
            int serve = kind.equals("serve") ? n : kind.equals("all") ? others : 0;
            for (int i = 0; i < publish; i++) t.publish(i);
            for (int i = 0; i < harvest; i++) t.harvest(i);
            for (int i = 0; i < serve; i++) t.serve(i);
        } finally {
            t.close();
        }
        return t.trials();
    }

    static void summary(List<CrashTrials.Trial> done, PrintWriter out) {
        out.println("summary:");
        for (CrashTrials.Kind k : CrashTrials.Kind.values()) {
            List<CrashTrials.Trial> of = done.stream().filter(t -> t.kind() == k).toList();
            if (of.isEmpty()) continue;
            Map<String, Integer> phases = new TreeMap<>();
            Map<String, Integer> outcomes = new TreeMap<>();
            for (CrashTrials.Trial t : of) {
                phases.merge(t.phase().replace(" (on its line)", ""), 1, Integer::sum);
                outcomes.merge(t.outcome().replaceAll(" \\(\\d+ answers under load.*\\)", ""), 1, Integer::sum);
            }
            out.printf("  %-7s %d trials, %d failed; phases hit %s; outcomes %s%n", k.name().toLowerCase(), of.size(),
                    of.stream().filter(CrashTrials.Trial::failed).count(), phases, outcomes);
        }
        out.flush();
    }

    /** The description folder of the accidents dataset: mappings/accidentes-carreteros of the Zócalo folder. */
    static Path mapping() {
        return home().resolve("mappings").resolve("accidentes-carreteros");
    }

    /** The real table: ../shared/data/accidents-states when present, else the copy beside its mapping. */
    static Path table() {
        for (Path p : List.of(home().resolve("../shared/data/accidents-states"), home().resolve("../../shared/data/accidents-states"))) {
            if (Files.isRegularFile(p.resolve(CrashTrials.TABLE))) return p.resolve(CrashTrials.TABLE).normalize();
        }
        return mapping().resolve(CrashTrials.TABLE);
    }

    private static Path home() {
        String h = System.getenv("ZOCALO_HOME");
        if (h != null) return Path.of(h);
        return Files.isDirectory(Path.of("mappings")) ? Path.of(".") : Path.of("..");
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (java.io.IOException e) {
            // a temporary folder: left for the system to clean
        }
    }
}
