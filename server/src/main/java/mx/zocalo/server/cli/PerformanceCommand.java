package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import mx.zocalo.server.performance.GoalResult;
import mx.zocalo.server.performance.MeasureResult;
import mx.zocalo.server.performance.PerformanceProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zocalo performance check | publish}: the goal files of {@code performance/}. */
@Command(name = "performance", mixinStandardHelpOptions = true,
        description = {"Performance goals (performance/*.yaml): check the files, or compute and publish every goal.",
                "A publish of a dataset computes again the goals that read it by itself."},
        subcommands = {PerformanceCommand.Check.class, PerformanceCommand.Publish.class})
final class PerformanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check every goal file: its fields, dates, targets and rates, and each measure against the published "
                    + "datasets (dataset, table, columns, filter). Each error goes to standard error as FILE:LINE: FIELD: MESSAGE; "
                    + "exit 1 when there is one."})
    static final class Check implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Mixin
        PerformanceOptions performance;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!java.nio.file.Files.isDirectory(performance.folder)) {
                err.println("zocalo performance check: no folder " + performance.folder + " (use --performance DIR)");
                return 1;
            }
            List<PerformanceProblem> problems;
            int goals;
            try (StoreOptions.Portal p = store.open(store.dataDir(), StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
                var service = performance.service(p.store(), p.iris());
                problems = service.check();
                goals = service.declared().size();
            }
            for (PerformanceProblem problem : problems) err.println(problem);
            err.println(problems.isEmpty() ? "performance: " + goals + " goal(s), no errors"
                    : "performance: " + problems.size() + " error(s)");
            err.flush();
            return problems.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Compute every goal from the published datasets and publish it: its Data Cubes in the graph "
                    + "graph/performance, their records in the catalog (catalog/performance)."})
    static final class Publish implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Mixin
        PerformanceOptions performance;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            int problems = 0;
            try (StoreOptions.Portal p = store.open(store.dataDir(), StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
                var service = performance.service(p.store(), p.iris());
                for (PerformanceProblem problem : service.check()) {
                    err.println(problem);
                    problems++;
                }
                for (GoalResult g : new mx.zocalo.server.performance.PerformancePublisher(p.store(), p.iris()).publishAll(service)) {
                    for (MeasureResult m : g.measures()) {
                        err.println(g.id() + "/" + m.id() + ": " + m.series().stream().filter(o -> o.value() != null).count() + " of "
                                + m.series().size() + " periods with a value" + (m.members().isEmpty() ? "" : ", " + m.members().size() + " members"));
                    }
                }
            }
            return problems == 0 ? 0 : 1;
        }
    }
}
