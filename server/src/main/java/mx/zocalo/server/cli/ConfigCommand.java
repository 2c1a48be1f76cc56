package mx.zocalo.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo config [COMMAND]}: the settings a command would run with — every option of {@code serve} by default —
 * each with where it came from: a flag, a {@code ZOCALO_…} variable, the configuration file ({@code file:line}) or the
 * built-in default. Secrets (tokens, passwords) are masked.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print the effective settings of a command (serve by default) and where each comes from: a flag, "
                + "a ZOCALO_ environment variable, the configuration file (file:line) or the default. Secrets are masked.",
                "Precedence, highest first: flag, environment variable, configuration file, default."})
final class ConfigCommand implements Callable<Integer> {
    private final Settings settings;

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file (default: zocalo.yaml in the data directory)")
    Path config; // read by Settings.load before parsing

    @Option(names = "--data", paramLabel = "DIR", description = "The data directory whose zocalo.yaml is read (default: zocalo-data)")
    Path data;

    @Parameters(index = "0", arity = "0..1", defaultValue = "serve", paramLabel = "COMMAND",
            description = "The command whose settings are shown. Default: ${DEFAULT-VALUE}")
    String command;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FLAG", description = "Flags as they would be given to the command (after --)")
    List<String> flags = new ArrayList<>();

    @Spec
    CommandSpec spec;

    ConfigCommand(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Integer call() {
        CommandLine root = ZocaloCommand.commandLine(settings);
        CommandLine sub = root.getSubcommands().get(command);
        if (sub == null || command.equals("config")) {
            throw new IllegalArgumentException("no command '" + command + "' (try serve, demo, publish)");
        }
        List<String> args = new ArrayList<>(List.of(command));
        // passed on only when given as a flag here: from ZOCALO_DATA or the file it is reported as such
        boolean dataFlag = spec != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--data");
        if (data != null && dataFlag && sub.getCommandSpec().findOption("--data") != null) {
            args.add("--data");
            args.add(data.toString());
        }
        args.addAll(flags);
        CommandLine.ParseResult parsed = root.parseArgs(args.toArray(String[]::new)).subcommand();
        System.out.println("# zocalo " + command + ": configuration file "
                + (settings.file() != null ? settings.file() : "none (no --config, no zocalo.yaml in the data directory)"));
        System.out.println("# precedence: flag > ZOCALO_ variable > configuration file > default");
        List<OptionSpec> options = new ArrayList<>(sub.getCommandSpec().options());
        options.sort(Comparator.comparing(Settings::key));
        int width = options.stream().mapToInt(o -> Settings.key(o).length()).max().orElse(10);
        for (OptionSpec o : options) {
            String key = Settings.key(o);
            if (key.equals("help") || key.equals("version") || key.equals("config")) continue;
            Object value = o.getValue();
            String origin = parsed.hasMatchedOption(o) ? "flag --" + key
                    : settings.lookup(key) != null ? settings.lookup(key).origin()
                    : o.defaultValue() != null ? "default" : "default (unset)";
            System.out.printf(Locale.ROOT, "%-" + width + "s  %-40s  %s%n", key, mask(key, value), origin);
        }
        return 0;
    }

    /** Tokens, passwords and secrets are shown as {@code ****}, keeping a {@code token:} prefix readable. */
    static String mask(String key, Object value) {
        if (value == null) return "-";
        String s = value.toString();
        String k = key.toLowerCase(Locale.ROOT);
        if (s.toLowerCase(Locale.ROOT).startsWith("token:")) return "token:****";
        if (k.contains("token") || k.contains("password") || k.contains("secret")) return s.isEmpty() ? "" : "****";
        return s;
    }
}
