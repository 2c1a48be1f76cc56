package mx.zocalo.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.StoreCheck;
import mx.zocalo.server.harvest.Harvester;
import mx.zocalo.server.harvest.SourceReader;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Versions;
import mx.zocalo.server.store.DataDirectory;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.web.PortalServer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.DCAT;

/**
 * Crash trials on one data directory: {@code publish}, {@code harvest} and {@code serve} run as child JVMs
 * ({@link CrashChild}) and are killed with SIGKILL at random moments (uniform over the duration measured in a first,
 * calibrating run, and right after the log line of each phase); after each kill the portal starts again
 * ({@link CrashPortal}) and the trial checks that the store opens, that the previous version is served byte-identical
 * (same status, ETag and body of the home, catalog, dataset, explorer and download pages) or, when the kill came after
 * the commit, that the new version is served whole (catalog, history and files agree), that no staged file or orphan
 * graph is left (those found before the start named in its log), and that publishing (or harvesting) again succeeds.
 * The dataset is a real table ({@code accidents-states}), published in turn in full and cut to its first rows.
 */
final class CrashTrials {
    enum Kind { PUBLISH, HARVEST, SERVE }

    /** One trial: when the child was killed (ms after its start; -1 if it ended first), in which phase, what was served. */
    record Trial(Kind kind, int number, String load, long momentMs, String phase, String outcome, List<String> problems) {
        boolean failed() {
            return !problems.isEmpty();
        }
    }

    static final String SLUG = "accidentes-carreteros";
    static final String TABLE = "sct_71_accidentes_mes.csv";
    private static final Pattern SERVING = Pattern.compile(" on http://localhost:(\\d+)/");
    private final Path work;
    private final Path data;
    private final Path full;
    private final Path part;
    private final Random random;
    private final PrintWriter out;
    private final List<String> loads;
    private final List<Trial> trials = new ArrayList<>();
    private Map<String, CrashPortal.Page> baseline;
    private Path current;
    /** By --load mode: the calibrating publish's duration (ms) and the phases it logged. */
    private final Map<String, Long> publishMs = new java.util.HashMap<>();
    private final Map<String, List<String>> publishPhases = new java.util.HashMap<>();
    /** By --load mode: when the calibrating publish logged its first phase line (ms after its JVM started). */
    private final Map<String, Long> publishFirstMs = new java.util.HashMap<>();
    private long harvestMs;
    /** When the calibrating harvest logged its first phase line (it starts reading the source). */
    private long harvestFirstMs;
    private TdbStore sourceStore;
    private PortalServer sourceServer;

    /**
     * Trials in {@code work} (emptied by the caller) with the dataset description folder {@code mapping} (its
     * dataset.yaml, mapping and lookup tables) and the real table {@code table}; {@code loads} are the publish's
     * {@code --load} modes to take in turn (an empty string: the default, no flag).
     */
    CrashTrials(Path work, Path mapping, Path table, long seed, List<String> loads, PrintWriter out) throws IOException {
        this.work = work;
        this.data = work.resolve("data");
        this.random = new Random(seed);
        this.out = out;
        this.loads = loads.isEmpty() ? List.of("") : loads;
        this.full = describe(mapping, work.resolve("full"), Files.readAllLines(table, StandardCharsets.UTF_8), 1.0);
        this.part = describe(mapping, work.resolve("part"), Files.readAllLines(table, StandardCharsets.UTF_8), 0.6);
    }

    private static Path describe(Path mapping, Path dir, List<String> rows, double share) throws IOException {
        Files.createDirectories(dir);
        try (var s = Files.list(mapping)) {
            for (Path p : s.filter(p -> !p.getFileName().toString().equals(TABLE)).toList()) Files.copy(p, dir.resolve(p.getFileName()));
        }
        int n = Math.max(2, (int) Math.round(rows.size() * share));
        Files.write(dir.resolve(TABLE), rows.subList(0, Math.min(n, rows.size())), StandardCharsets.UTF_8);
        return dir;
    }

    List<Trial> trials() {
        return List.copyOf(trials);
    }

    /**
     * The first publish (in this process) and, when {@code calibrate}, the calibrating publish (a child, not killed):
     * its duration bounds the random moments, its phase lines are those the trials kill right after.
     */
    void start(boolean calibrate) throws Exception {
        ZocaloCommand.commandLine().execute("publish", "--data", data.toString(), part.toString());
        CrashPortal.release(TdbStore.open(data), data);
        current = part;
        for (String load : calibrate ? loads : List.<String>of()) {
            Path target = current == full ? part : full;
            CrashChild c = CrashChild.start(work, null, 0, publishArgs(target, load));
            if (!c.waitFor(600_000) || c.exitValue() != 0) throw new IllegalStateException("the calibrating publish failed:\n" + c.log());
            Set<String> phases = new LinkedHashSet<>();
            String p = "starting";
            long first = -1;
            for (CrashChild.Line l : c.lines()) {
                p = CrashChild.phaseOf(l.text(), p);
                if (!p.equals("starting") && !p.equals("done")) phases.add(p);
                if (first < 0 && !p.equals("starting")) first = l.ms();
            }
            publishMs.put(load, c.ms());
            publishFirstMs.put(load, Math.max(0, first));
            publishPhases.put(load, List.copyOf(phases));
            current = target;
            out.printf("calibration: publish%s in a child JVM took %d ms; phases logged: %s%n",
                    load.isEmpty() ? "" : " --load " + load, c.ms(), String.join(", ", phases));
            out.flush();
        }
        try (CrashPortal portal = new CrashPortal(data)) {
            baseline = portal.snapshot(CrashPortal.paths(SLUG));
        }
    }

    private String[] publishArgs(Path description, String load) {
        List<String> a = new ArrayList<>(List.of("publish", "--data", data.toString(), "--force"));
        if (!load.isEmpty()) a.addAll(List.of("--load", load));
        a.add(description.toString());
        return a.toArray(String[]::new);
    }

    /**
     * A publish of the other version, killed at a random moment (uniform between a little before the calibrating
     * publish's first phase line and its end); every other trial right after the first line of a phase (each phase
     * logged in the calibrating run in turn).
     */
    Trial publish(int n) throws Exception {
        List<String> phases = publishPhases.getOrDefault(load(n), List.of());
        return publish(n, n % 2 == 1 && !phases.isEmpty() ? phases.get((n / (2 * loads.size())) % phases.size()) : null);
    }

    /** The --load mode of publish trial {@code n}: two trials (one at a random moment, one on a phase's line) each in turn. */
    private String load(int n) {
        return loads.get((n / 2) % loads.size());
    }

    /** A publish killed right after the first line of phase {@code atPhase} (0 to 30 ms later), or at a random moment if null. */
    Trial publish(int n, String atPhase) throws Exception {
        String load = load(n);
        Path target = current == full ? part : full;
        long calibrated = publishMs.getOrDefault(load, 0L);
        // uniform over the publish: from a little before its first phase line (the JVM has started, the store is open)
        long from = (long) (0.8 * publishFirstMs.getOrDefault(load, calibrated / 5));
        long moment = from + (long) ((calibrated - from) * random.nextDouble());
        CrashChild c = CrashChild.start(work, atPhase, atPhase == null ? 0 : random.nextInt(30), publishArgs(target, load));
        killed(c, atPhase == null ? moment : -1, Math.max(calibrated * 10, 300_000));
        if (c.killedMs() < 0 && c.exitValue() == 0) publishMs.put(load, Math.min(calibrated, c.ms())); // faster than calibrated
        List<Path> left = CrashPortal.leftovers(data);
        List<String> problems = new ArrayList<>();
        String outcome = check(Kind.PUBLISH, target, left, problems, portal -> {
            new DatasetPublisher(portal.store, portal.iris).publish(target, true);
            current = target;
        });
        return record(new Trial(Kind.PUBLISH, n, load.isEmpty() ? "default" : load, c.killedMs(),
                c.killedMs() < 0 ? "ended" : c.killedPhase(), outcome, problems), c);
    }

    /** A harvest of a catalog served by a second portal in this process, killed at a random moment. */
    Trial harvest(int n) throws Exception {
        return harvest(n, null);
    }

    /**
     * A harvest killed right after the first line of {@code atPhase} (0 to 30 ms later: {@code writing} is the write
     * transaction), or at a random moment over a first, calibrating harvest if null (from a little before it started
     * reading the source to its end).
     */
    Trial harvest(int n, String atPhase) throws Exception {
        String url = source();
        String[] args = {"harvest", "--data", data.toString(), "--name", "fuente", url};
        if (harvestMs == 0 && atPhase == null) {
            CrashChild c = CrashChild.start(work, null, 0, args);
            if (!c.waitFor(300_000) || c.exitValue() != 0) throw new IllegalStateException("the calibrating harvest failed:\n" + c.log());
            harvestMs = c.ms();
            String p = "starting";
            for (CrashChild.Line l : c.lines()) {
                p = CrashChild.phaseOf(l.text(), p);
                if (harvestFirstMs == 0 && !p.equals("starting")) harvestFirstMs = l.ms();
            }
            try (CrashPortal portal = new CrashPortal(data)) {
                baseline = portal.snapshot(CrashPortal.paths(SLUG));
            }
            out.printf("calibration: harvest in a child JVM took %d ms%n", harvestMs);
        }
        long from = (long) (0.8 * harvestFirstMs);
        long moment = atPhase != null ? -1 : from + (long) ((harvestMs - from) * random.nextDouble());
        CrashChild c = CrashChild.start(work, atPhase, atPhase == null ? 0 : random.nextInt(30), args);
        killed(c, moment, 300_000);
        if (c.killedMs() < 0 && c.exitValue() == 0) harvestMs = Math.min(harvestMs, c.ms());
        List<Path> left = CrashPortal.leftovers(data);
        List<String> problems = new ArrayList<>();
        String outcome = check(Kind.HARVEST, current, left, problems,
                portal -> new Harvester(portal.store, portal.iris, new SourceReader(Duration.ofSeconds(30), 100)).harvest(url, "fuente"));
        return record(new Trial(Kind.HARVEST, n, "-", c.killedMs(), c.killedMs() < 0 ? "ended" : c.killedPhase(), outcome, problems), c);
    }

    /** {@code serve} under load (4 clients asking for the compared pages), killed after a random time. */
    Trial serve(int n) throws Exception {
        CrashChild c = CrashChild.start(work, null, 0, "serve", "--data", data.toString(), "--port", "0");
        int port = -1;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (port < 0 && c.alive() && System.nanoTime() < deadline) {
            for (CrashChild.Line l : c.lines()) {
                Matcher m = SERVING.matcher(l.text());
                if (m.find()) port = Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        List<String> problems = new ArrayList<>();
        if (port < 0) problems.add("serve did not start:\n" + c.log());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong answers = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong cut = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        int p = port;
        for (int i = 0; i < 4 && port > 0; i++) {
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                List<String> paths = CrashPortal.paths(SLUG);
                for (int k = 0; !stop.get(); k++) {
                    try {
                        int status = CrashPortal.get(p, paths.get(k % paths.size()), http).status();
                        answers.incrementAndGet();
                        if (status >= 500) errors.incrementAndGet();
                    } catch (IOException e) {
                        if (stop.get()) cut.incrementAndGet(); // in flight when the portal was killed
                        else errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "crash-load-" + i);
            t.start();
            clients.add(t);
        }
        // under load: once the clients have their first answers (the first pages of a cold JVM are slow), 0.5 to 3 s more
        long loaded = System.nanoTime() + 60_000_000_000L;
        while (port > 0 && answers.get() < 8 && c.alive() && System.nanoTime() < loaded) Thread.sleep(50);
        Thread.sleep(500 + random.nextInt(2500));
        stop.set(true); // the requests in flight are cut by the kill: not counted as failures
        c.kill();
        for (Thread t : clients) t.join(5000);
        if (errors.get() > 0) problems.add(errors.get() + " failed answers (5xx, or no answer while up) among " + answers.get());
        List<Path> left = CrashPortal.leftovers(data);
        String outcome = check(Kind.SERVE, current, left, problems, portal -> {
            Path target = current == full ? part : full;
            new DatasetPublisher(portal.store, portal.iris).publish(target, true);
            current = target;
        }) + " (" + answers.get() + " answers under load, " + cut.get() + " cut by the kill)";
        return record(new Trial(Kind.SERVE, n, "-", c.killedMs(), c.killedPhase(), outcome, problems), c);
    }

    private static void killed(CrashChild c, long moment, long patience) throws InterruptedException {
        if (moment >= 0) {
            long wait = moment - c.ms();
            if (!c.waitFor(Math.max(1, wait))) c.kill();
        } else if (!c.waitFor(patience)) {
            c.kill();
        }
    }

    /** What to do again after the restart: publish, harvest. */
    private interface Again {
        void run(CrashPortal portal) throws Exception;
    }

    /** The checks after a kill; the outcome (previous or new version served), problems added to {@code problems}. */
    private String check(Kind kind, Path target, List<Path> left, List<String> problems, Again again) {
        String outcome;
        try (CrashPortal portal = new CrashPortal(data)) {
            for (Path l : left) {
                if (portal.startLog.stream().noneMatch(s -> s.contains(l.getFileName().toString()))) {
                    problems.add("no start-up log line names " + data.relativize(l));
                }
            }
            List<Path> still = CrashPortal.leftovers(data);
            if (!still.isEmpty()) problems.add("left after the restart: " + still.stream().map(data::relativize).toList());
            for (StoreCheck.Finding f : StoreCheck.run(portal.store, portal.iris)) problems.add("store check: " + f.what() + ": " + f.why());
            Map<String, CrashPortal.Page> now = portal.snapshot(CrashPortal.paths(SLUG));
            if (now.equals(baseline)) {
                outcome = "previous version served byte-identical";
            } else if (kind == Kind.SERVE) {
                outcome = "pages changed";
                now.forEach((k, v) -> { if (!v.equals(baseline.get(k))) problems.add(k + " changed: " + baseline.get(k) + " -> " + v); });
            } else {
                outcome = "new version served whole";
                newVersion(kind, portal, target, now, problems);
            }
            try {
                again.run(portal);
                baseline = portal.snapshot(CrashPortal.paths(SLUG));
            } catch (Exception e) {
                problems.add((kind == Kind.HARVEST ? "harvesting" : "publishing") + " again failed: " + e);
            }
        } catch (Exception e) {
            problems.add("the portal did not start again: " + e);
            outcome = "store not opened";
        }
        return outcome;
    }

    /** After a kill past the commit: every page answers, and catalog, history and files all hold the new version. */
    private void newVersion(Kind kind, CrashPortal portal, Path target, Map<String, CrashPortal.Page> now, List<String> problems) throws IOException {
        now.forEach((k, v) -> { if (v.status() != 200) problems.add(k + " answers " + v.status()); });
        if (kind == Kind.HARVEST) {
            Node sub = portal.iris.iri("catalog/harvested/fuente");
            long datasets = portal.store.read(dsg -> dsg.stream(portal.iris.catalogGraph(), sub, DCAT.dataset.asNode(), Node.ANY).count());
            if (datasets == 0) problems.add("the catalog changed but holds no harvested dataset of " + sub);
            return;
        }
        String sha = CrashPortal.sha256(Files.readAllBytes(target.resolve(TABLE)));
        if (!sha.equals(now.get("/download/" + SLUG + ".csv").sha256())) problems.add("the original download is not the new table");
        List<mx.zocalo.server.catalog.VersionRecord.Version> history = new Versions(portal.store, Versions.DEFAULT_KEEP).history(SLUG);
        int last = history.isEmpty() ? -1 : history.get(history.size() - 1).number();
        boolean catalogSays = portal.store.read(dsg -> dsg.contains(portal.iris.catalogGraph(), portal.iris.dataset(SLUG),
                NodeFactory.createURI(DCAT.NS + "version"), NodeFactory.createLiteralString(Integer.toString(last))));
        if (!catalogSays) problems.add("the history ends at version " + last + " but the catalog records another");
        if (!history.isEmpty() && !history.get(history.size() - 1).kept()) problems.add("the current version's files are missing");
    }

    private Trial record(Trial t, CrashChild c) {
        trials.add(t);
        out.printf("%-7s #%-3d load=%-11s %s  -> %s  %s%n", t.kind().name().toLowerCase(), t.number(), t.load(),
                t.momentMs() < 0 ? "ended before the kill" : "killed at " + t.momentMs() + " ms (" + t.phase() + ")",
                t.outcome(), t.failed() ? "FAILED" : "ok");
        for (String p : t.problems()) out.println("        " + p);
        if (t.failed()) out.println("        child log:\n" + c.log().indent(10));
        out.flush();
        return t;
    }

    /** The catalog harvested: a second portal in this process, under another base, serving the full dataset. */
    private String source() {
        if (sourceServer == null) {
            Path dir = work.resolve("source");
            PortalIris iris = new PortalIris("https://fuente.example.mx/");
            DataDirectory.create(dir, iris.base());
            sourceStore = TdbStore.open(dir);
            new DatasetPublisher(sourceStore, iris).publish(full, true);
            sourceServer = PortalServer.builder().store(sourceStore).iris(iris).port(0).build().start();
        }
        return "http://localhost:" + sourceServer.port() + "/catalog.ttl";
    }

    /** Stops the harvested portal, if one was started. */
    void close() {
        if (sourceServer != null) {
            sourceServer.stop();
            CrashPortal.release(sourceStore, work.resolve("source"));
        }
    }
}
