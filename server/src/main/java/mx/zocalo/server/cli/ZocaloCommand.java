package mx.zocalo.server.cli;

import java.util.concurrent.Callable;
import mx.zocalo.converter.cli.ConvertCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zocalo}: the portal's command line. */
@Command(name = "zocalo", mixinStandardHelpOptions = true, version = "Zócalo 0.1.0",
        description = "Zócalo: tables to linked open data, a DCAT catalog, SPARQL and a web portal.",
        subcommands = {DemoCommand.class, ServeCommand.class, UserCommand.class, OrgCommand.class, PublishCommand.class, UnpublishCommand.class, HarvestCommand.class,
                StoreCommand.class, IndexCommand.class, TablesCommand.class, PerformanceCommand.class, ConvertCommand.class,
                mx.zocalo.converter.cli.BenchCommand.class, mx.zocalo.converter.cli.MappingCommand.class,
                mx.zocalo.converter.cli.FuzzCommand.class})
public final class ZocaloCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand, including the converter's {@code convert}. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ZocaloCommand());
        cl.getSubcommands().get("bench").addSubcommand("catalog", new CatalogBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("pages", new PagesBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("explore", new ExploreBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("map", new MapBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("story", new StoryBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("publish", new PublishBenchCommand());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            line.getErr().println("zocalo " + line.getCommandName() + ": " + message(ex));
            return 1;
        });
        return cl;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
