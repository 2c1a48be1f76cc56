package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ZocaloCommandTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ZocaloCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void help_lists_every_subcommand() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("demo", "serve", "publish", "convert");
    }

    @Test
    void every_subcommand_has_its_own_help() {
        for (String sub : new String[] {"demo", "serve", "publish", "convert"}) {
            Run r = run(sub, "--help");
            assertThat(r.exit()).as(sub).isZero();
            assertThat(r.out()).as(sub).contains("Usage: zocalo " + sub);
        }
        assertThat(run("serve", "--help").out()).contains("--port", "--data", "--base");
        assertThat(run("demo", "--help").out()).contains("--mappings");
    }

    @Test
    void publish_succeeds_then_a_broken_republish_exits_non_zero(@TempDir Path data) {
        assertThat(run("publish", "--data", data.toString(), FIXTURES.resolve("pagos-prueba").toString()).exit()).isZero();
        assertThat(run("publish", "--data", data.toString(), FIXTURES.resolve("pagos-prueba-roto").toString()).exit()).isEqualTo(1);
    }

    @Test
    void unknown_subcommand_or_missing_description_exits_non_zero(@TempDir Path data) {
        assertThat(run("bogus").exit()).isNotZero();
        assertThat(run("publish", "--data", data.toString(), data.resolve("no-such").toString()).exit()).isEqualTo(1);
        assertThat(run("demo", "--data", data.toString(), "--mappings", data.resolve("none").toString()).err())
                .contains("No mappings folder");
    }
}
