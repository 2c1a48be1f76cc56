package mx.zocalo.converter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import mx.zocalo.converter.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zocalo fuzz}: the reader fuzzer as a command, its summary, and its usage errors. */
class FuzzCommandTest {
    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = new CommandLine(new FuzzCommand()).execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void given_the_test_data_when_fuzzed_with_a_seed_then_every_input_ends_in_rows_or_the_readers_error() {
        Path samples = TestData.file("data_total.csv").getParent();
        Run r = run("--iterations", "60", "--seed", "11", "--samples", samples.toString());

        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("seed 11: 60 iterations over \\d+ sample files in [0-9.]+ s: \\d+ ended in rows, "
                + "\\d+ in TableSourceException, 0 escaped");
    }

    @Test
    void given_no_samples_when_fuzzed_then_usage_error_names_the_folder(@TempDir Path empty) {
        Run missing = run("--samples", empty.resolve("no-such-folder").toString());
        assertThat(missing.status()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(missing.err()).contains("no folder of samples at", "no-such-folder");

        Run none = run("--samples", empty.toString());
        assertThat(none.status()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(none.err()).contains("no .csv or .xlsx file in");
    }
}
