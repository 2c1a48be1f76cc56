package mx.zocalo.server.cli;

import java.util.concurrent.Callable;
import mx.zocalo.converter.cli.ConvertCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zocalo}: the portal's command line. */
@Command(name = "zocalo", mixinStandardHelpOptions = true, version = "Zócalo 0.1.0",
        description = "Zócalo: tables to linked open data, a DCAT catalog, SPARQL and a web portal.",
        subcommands = {DemoCommand.class, ServeCommand.class, ReplicaCommand.class, UserCommand.class, OrgCommand.class, PublishCommand.class, UnpublishCommand.class, HarvestCommand.class,
                StoreCommand.class, CompactCommand.class, BackupCommand.class, RestoreCommand.class, IndexCommand.class, TablesCommand.class, PerformanceCommand.class, ConvertCommand.class,
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
        System.exit(run(args, System.getenv()));
    }

    /**
     * Runs {@code args} with the settings of the configuration file and the {@code ZOCALO_…} variables of {@code env}
     * ({@link Settings}); a bad setting stops here, exit status 2, naming the file and line.
     */
    static int run(String[] args, java.util.Map<String, String> env) {
        CommandLine cl;
        try {
            Settings settings = Settings.load(args, env);
            cl = commandLine(settings);
            settings.check(cl);
        } catch (Settings.SettingsException e) {
            System.err.println("zocalo: " + e.getMessage());
            return 2;
        }
        return cl.execute(args);
    }

    /** The command line with every subcommand, including the converter's {@code convert}; built-in defaults only. */
    static CommandLine commandLine() {
        return commandLine(Settings.none());
    }

    /** The same, taking what no flag gives from {@code settings}. */
    static CommandLine commandLine(Settings settings) {
        CommandLine cl = new CommandLine(new ZocaloCommand());
        cl.addSubcommand("config", new ConfigCommand(settings));
        cl.getSubcommands().get("bench").addSubcommand("catalog", new CatalogBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("pages", new PagesBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("fuseki", new FusekiBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("replicas", new ReplicaBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("explore", new ExploreBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("map", new MapBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("story", new StoryBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("downloads", new DownloadsBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("crash", new CrashBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("soak", new SoakCommand());
        cl.getSubcommands().get("bench").addSubcommand("fuzz", new FuzzBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("abuse", new AbuseBenchCommand());
        cl.getSubcommands().get("bench").addSubcommand("publish", new PublishBenchCommand());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            line.getErr().println("zocalo " + line.getCommandName() + ": " + message(ex));
            return 1;
        });
        cl.setDefaultValueProvider(settings);
        return cl;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
