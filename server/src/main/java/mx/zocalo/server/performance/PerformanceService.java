package mx.zocalo.server.performance;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import mx.zocalo.server.table.TableService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The goals of the office's {@code performance/} folder with the values of their measures, computed with the row API
 * ({@link TableService}): the one service behind the performance pages, their JSON API and their Data Cube.
 *
 * <pre>{@code
 * PerformanceService performance = PerformanceService.builder(tables, Path.of("performance")).build();
 * for (GoalResult g : performance.goals()) {
 *     MeasureResult m = g.headline().orElseThrow();
 *     m.latest().ifPresent(o -> System.out.println(g.goal().title("es") + ": " + o.value() + " (" + o.period().label()
 *             + ", " + o.status() + ")"));
 * }
 * performance.goal("accidentes-nuevo-leon").ifPresent(...);
 * }</pre>
 *
 * Goals are computed on first use and kept until the data version (the builder's {@code version}) changes or
 * {@link #recompute(Collection)} is called for a dataset they read. Values are computed with the given table service's
 * limits; the server gives it the public limits, a publish a longer time limit.
 */
public final class PerformanceService {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.performance");

    private final TableService tables;
    private final Path folder;
    private final Clock clock;
    private final Supplier<String> version;
    private List<Goal> declared;
    private List<PerformanceProblem> readProblems;
    private final Map<String, GoalResult> computed = new LinkedHashMap<>();
    private String computedVersion;

    private PerformanceService(Builder b) {
        this.tables = b.tables;
        this.folder = b.folder;
        this.clock = b.clock;
        this.version = b.version;
    }

    public static Builder builder(TableService tables, Path folder) {
        return new Builder(tables, folder);
    }

    /** The folder of goal files (may not exist: then there are no goals). */
    public Path folder() {
        return folder;
    }

    /** The goals as declared (read once; problems in {@link #problems()}), without values. */
    public synchronized List<Goal> declared() {
        if (declared == null) {
            List<PerformanceProblem> p = new ArrayList<>();
            declared = GoalFiles.read(folder, p);
            readProblems = List.copyOf(p);
        }
        return declared;
    }

    /** Every goal with its values, in the order of the file names. */
    public synchronized List<GoalResult> goals() {
        String v = version.get();
        if (!Objects.equals(v, computedVersion)) {
            computed.clear();
            computedVersion = v;
        }
        List<GoalResult> out = new ArrayList<>();
        for (Goal g : declared()) out.add(computed.computeIfAbsent(g.id(), k -> compute(g)));
        return out;
    }

    /** The goal {@code id} with its values. */
    public Optional<GoalResult> goal(String id) {
        return goals().stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /** The categories of the goals, in the order they first appear. */
    public List<String> categories() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Goal g : declared()) out.add(g.category());
        return List.copyOf(out);
    }

    /** The goals whose measures read dataset {@code slug}. */
    public List<Goal> reading(String slug) {
        return declared().stream().filter(g -> g.datasets().contains(slug)).toList();
    }

    /** Computes again, now, the goals that read any of {@code datasets}, and returns them. */
    public synchronized List<GoalResult> recompute(Collection<String> datasets) {
        List<GoalResult> out = new ArrayList<>();
        computedVersion = version.get();
        for (Goal g : declared()) {
            if (g.datasets().stream().noneMatch(datasets::contains)) continue;
            GoalResult r = compute(g);
            computed.put(g.id(), r);
            out.add(r);
        }
        return out;
    }

    /** What is wrong in the goal files as read, and in the measures computed so far. */
    public synchronized List<PerformanceProblem> problems() {
        declared();
        List<PerformanceProblem> out = new ArrayList<>(readProblems);
        for (GoalResult r : computed.values()) out.addAll(r.problems());
        return out;
    }

    /**
     * The full check of {@code performance check}: the files (syntax, fields, dates, rates) and each measure against the
     * published tables (datasets, tables, columns, filters). Nothing is computed.
     */
    public List<PerformanceProblem> check() {
        List<PerformanceProblem> out = new ArrayList<>();
        List<Goal> goals = GoalFiles.read(folder, out);
        for (Goal g : goals) GoalCheck.check(tables, g, out);
        return out;
    }

    private GoalResult compute(Goal g) {
        long t0 = System.nanoTime();
        GoalResult r = new GoalComputer(tables, clock).compute(g);
        LOG.info("performance: goal {} computed in {} ms{}", g.id(), (System.nanoTime() - t0) / 1_000_000,
                r.problems().isEmpty() ? "" : " with " + r.problems().size() + " problem(s): " + r.problems().get(0));
        return r;
    }

    public static final class Builder {
        private final TableService tables;
        private final Path folder;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> version = () -> "";

        private Builder(TableService tables, Path folder) {
            this.tables = Objects.requireNonNull(tables);
            this.folder = folder;
        }

        /** The clock that says which periods have begun (tests fix it). */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }

        /** The data version: when it changes, goals are computed again on next use. */
        public Builder version(Supplier<String> version) { this.version = Objects.requireNonNull(version); return this; }

        public PerformanceService build() {
            return new PerformanceService(this);
        }
    }
}
