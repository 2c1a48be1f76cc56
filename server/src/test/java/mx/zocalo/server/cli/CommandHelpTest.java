package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command and subcommand of {@code zocalo} answers {@code --help}, and nothing else happens. */
class CommandHelpTest {

    /** Every command line path: [], [demo], ..., [bench, catalog], [mapping, compile], ... */
    static List<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        walk(ZocaloCommand.commandLine(), new ArrayList<>(), out);
        return out;
    }

    private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name)) return; // an alias
            path.add(name);
            walk(sub, path, out);
            path.remove(path.size() - 1);
        });
    }

    @Test
    void every_command_answers_help_in_a_fresh_folder_and_creates_nothing(@TempDir Path dir) throws Exception {
        List<List<String>> commands = commands();
        assertThat(commands).as("the walk finds the nested commands")
                .contains(List.of("publish"), List.of("bench", "catalog"), List.of("mapping", "compile"));
        for (List<String> command : commands) {
            Path cwd = Files.createDirectories(dir.resolve("run-" + String.join("-", command)));
            Path home = Files.createDirectories(dir.resolve("home-" + String.join("-", command)));
            List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                    ZocaloCommand.class.getName()));
            args.addAll(command);
            args.add("--help");
            ProcessBuilder pb = new ProcessBuilder(args).directory(cwd.toFile());
            pb.environment().put("ZOCALO_HOME", home.toString());
            Path out = dir.resolve("out-" + String.join("-", command) + ".txt");
            Path err = dir.resolve("err-" + String.join("-", command) + ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            String what = "zocalo " + String.join(" ", command) + " --help";
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(what + " answers").isTrue();
            assertThat(p.exitValue()).as(what + ": " + Files.readString(err)).isZero();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).as(what)
                    .startsWith("Usage: " + String.join(" ", Stream.concat(Stream.of("zocalo"), command.stream()).toList()));
            for (Path untouched : List.of(cwd, home)) {
                try (Stream<Path> created = Files.list(untouched)) {
                    assertThat(created.toList()).as(what + " leaves " + untouched.getFileName() + " empty").isEmpty();
                }
            }
        }
    }

    /** "Publish…", "Convert…": a command says what it does as an order, never "Publishes…" or "Tools for…". */
    @Test
    void every_command_is_described_in_the_imperative() {
        CommandLine root = ZocaloCommand.commandLine();
        for (List<String> command : commands()) {
            if (command.isEmpty()) continue;
            CommandLine cl = root;
            for (String name : command) cl = cl.getSubcommands().get(name);
            String[] description = cl.getCommandSpec().usageMessage().description();
            String what = String.join(" ", command);
            assertThat(description).as(what + " has a description").isNotEmpty();
            String first = description[0].strip().split("[\\s:,]+", 2)[0];
            assertThat(first).as(what + ": \"" + description[0] + "\"").matches("[A-Z][a-z]+")
                    .doesNotEndWith("s").isNotIn("Tools", "Tool");
        }
    }

    @Test
    void convert_says_its_mapping_may_be_rml_in_turtle_or_yaml() {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cl = ZocaloCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(out));
        assertThat(cl.execute("convert", "--help")).isZero();
        String mapping = out.toString().lines().dropWhile(l -> !l.contains("--mapping=FILE")).limit(3)
                .reduce("", (a, b) -> a + " " + b.strip());
        assertThat(mapping).contains("RML in Turtle", "YAML", ".yml");
    }
}
