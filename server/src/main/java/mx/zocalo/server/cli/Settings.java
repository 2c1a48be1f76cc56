package mx.zocalo.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The portal's settings from outside the command line: a configuration file ({@code zocalo.yaml}: the one {@code
 * --config FILE} names, else {@code zocalo.yaml} in the data directory) and environment variables ({@code ZOCALO_…}).
 * Every key is the name of a command-line option without its dashes ({@code port: 8080}, {@code query-timeout: 30},
 * {@code base: https://datos.example.mx/}); its variable is the same in capitals with underscores ({@code
 * ZOCALO_QUERY_TIMEOUT}).
 *
 * <p>Precedence, highest first: a flag on the command line, an environment variable, the file, the built-in default —
 * picocli asks this provider for an option's default only when no flag gave it. A key no command has, a value that is
 * not a single scalar, or a number that is not one stops start-up with the file, line and key
 * ({@link SettingsException}).
 */
final class Settings implements CommandLine.IDefaultValueProvider {
    /** The environment variables' prefix. */
    static final String PREFIX = "ZOCALO_";
    /** The file looked for in the data directory. */
    static final String FILE_NAME = "zocalo.yaml";

    /** A value and where it came from: {@code zocalo.yaml:4} or {@code ZOCALO_PORT}. */
    record Value(String value, String origin) {}

    private final Path file;
    private final Map<String, Value> fromFile;
    private final Map<String, Value> fromEnv;

    private Settings(Path file, Map<String, Value> fromFile, Map<String, Value> fromEnv) {
        this.file = file;
        this.fromFile = fromFile;
        this.fromEnv = fromEnv;
    }

    /** No file, no variables: the built-in defaults alone. */
    static Settings none() {
        return new Settings(null, Map.of(), Map.of());
    }

    /**
     * The settings for {@code args}: the file of {@code --config}, else {@code zocalo.yaml} in the {@code --data}
     * directory (or {@code ZOCALO_DATA}, or the default {@code zocalo-data}); the variables of {@code env}.
     */
    static Settings load(String[] args, Map<String, String> env) {
        Map<String, Value> vars = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && !k.equals("ZOCALO_HOME") && !k.equals("ZOCALO_JAVA_OPTS")) {
                vars.put(k.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-'), new Value(v, k));
            }
        });
        Path config = flag(args, "--config");
        if (config == null && vars.containsKey("config")) config = Path.of(vars.remove("config").value());
        else vars.remove("config");
        if (config != null && !Files.isRegularFile(config)) {
            throw new SettingsException("the configuration file " + config + " does not exist (--config)");
        }
        if (config == null) {
            Path data = flag(args, "--data");
            if (data == null && vars.containsKey("data")) data = Path.of(vars.get("data").value());
            Path candidate = (data != null ? data : Path.of("zocalo-data")).resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) config = candidate;
        }
        return new Settings(config, config == null ? Map.of() : read(config), vars);
    }

    /** The value of {@code --name X} or {@code --name=X} in {@code args}, else null. */
    private static Path flag(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) return Path.of(args[i + 1]);
            if (args[i].startsWith(name + "=")) return Path.of(args[i].substring(name.length() + 1));
        }
        return null;
    }

    /** The keys of a YAML file of scalars, each with its line. */
    static Map<String, Value> read(Path config) {
        Map<String, Value> found = new LinkedHashMap<>();
        String name = config.toString();
        try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new LoaderOptions()).compose(r);
            if (root == null) return found; // an empty file
            if (!(root instanceof MappingNode map)) {
                throw new SettingsException(name + ":" + line(root) + ": expected keys and values (key: value), one per line");
            }
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw new SettingsException(name + ":" + line(t.getKeyNode()) + ": a key must be a plain name");
                }
                String key = k.getValue().strip();
                Node v = t.getValueNode();
                String value;
                if (v instanceof ScalarNode s) {
                    value = s.getValue();
                } else if (v instanceof SequenceNode seq && seq.getValue().stream().allMatch(n -> n instanceof ScalarNode)) {
                    value = String.join(",", seq.getValue().stream().map(n -> ((ScalarNode) n).getValue()).toList());
                } else {
                    throw new SettingsException(name + ":" + line(v) + ": key '" + key + "': expected one value (or a list "
                            + "of values), not a nested block");
                }
                if (found.containsKey(key)) {
                    throw new SettingsException(name + ":" + line(k) + ": key '" + key + "' is given twice (first at "
                            + found.get(key).origin() + ")");
                }
                found.put(key, new Value(value, name + ":" + line(k)));
            }
            return found;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new SettingsException(name + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new SettingsException("cannot read the configuration file " + name + ": " + e.getMessage());
        }
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    /** The file read, or null. */
    Path file() {
        return file;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) return null;
        Value v = lookup(key(o));
        return v == null ? null : v.value();
    }

    /** Where {@code option}'s value comes from when no flag gives it: its variable, its key in the file, or null. */
    Value lookup(String key) {
        Value env = fromEnv.get(key);
        return env != null ? env : fromFile.get(key);
    }

    /** The key of an option: its longest name without the leading dashes. */
    static String key(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "");
    }

    /**
     * Checks every key of the file and every {@code ZOCALO_} variable against the options of every command under
     * {@code root}: an unknown one, or a number that is not one, stops start-up naming the file and line (or the variable).
     */
    void check(CommandLine root) {
        Map<String, OptionSpec> options = new TreeMap<>();
        collect(root, options);
        Set<String> checked = new TreeSet<>();
        for (Map<String, Value> source : java.util.List.of(fromFile, fromEnv)) {
            for (Map.Entry<String, Value> e : source.entrySet()) {
                String key = e.getKey();
                Value v = e.getValue();
                OptionSpec o = options.get(key);
                if (o == null) {
                    throw new SettingsException(v.origin() + ": unknown key '" + key + "'" + suggestion(key, options.keySet())
                            + "; the keys are the options of the commands without their dashes (./zocalo serve --help)");
                }
                checked.add(key);
                Class<?> type = o.type();
                String value = v.value().strip();
                try {
                    if (type == int.class || type == Integer.class) Integer.parseInt(value);
                    else if (type == long.class || type == Long.class) Long.parseLong(value);
                    else if (type == double.class || type == Double.class) Double.parseDouble(value);
                    else if ((type == boolean.class || type == Boolean.class) && !value.matches("(?i)true|false")) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException ex) {
                    throw new SettingsException(v.origin() + ": key '" + key + "': '" + value + "' is not "
                            + (type == boolean.class || type == Boolean.class ? "true or false" : "a number"));
                }
            }
        }
    }

    private static void collect(CommandLine cl, Map<String, OptionSpec> into) {
        for (OptionSpec o : cl.getCommandSpec().options()) {
            String key = key(o);
            if (!key.equals("help") && !key.equals("version") && !key.equals("config")) into.putIfAbsent(key, o);
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    /** "; did you mean 'port'?" for a key one or two edits away from a known one. */
    private static String suggestion(String key, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A setting that stops start-up; its message names the file and line, or the variable. */
    static final class SettingsException extends RuntimeException {
        SettingsException(String message) {
            super(message);
        }
    }
}
