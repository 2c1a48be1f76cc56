package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code zocalo} launcher's own commands ({@code build}, {@code test}, {@code image}) answer {@code --help} without
 * building or running Maven: run with a PATH that holds neither Java nor Maven, so any attempt to build or test fails
 * loudly.
 */
class ZocaloLauncherTest {
    static final Path LAUNCHER = Path.of("..", "zocalo").toAbsolutePath().normalize();

    record Run(int exit, String out, String err) {}

    /** Runs the launcher in {@code cwd} with only {@code dirname} and {@code cat} on the PATH. */
    static Run launcher(Path cwd, Path bin, String... args) throws IOException, InterruptedException {
        Files.createDirectories(bin);
        for (String tool : List.of("dirname", "cat")) {
            Path link = bin.resolve(tool);
            if (!Files.exists(link)) Files.createSymbolicLink(link, Path.of("/usr/bin", tool));
        }
        List<String> command = new ArrayList<>(List.of("/bin/bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        Path out = Files.createTempFile(bin, "out", ".txt");
        Path err = Files.createTempFile(bin, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher answered").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void build_and_test_answer_help_without_java_or_maven(@TempDir Path dir) throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("work"));
        Path bin = dir.resolve("bin");
        String[][] asks = {{"build", "--help"}, {"build", "-h"}, {"test", "--help"}, {"test", "-h"}, {"help", "build"}, {"help", "test"},
            {"image", "--help"}, {"image", "-h"}, {"help", "image"}};
        for (String[] ask : asks) {
            Run r = launcher(cwd, bin, ask);
            String what = String.join(" ", ask);
            assertThat(r.exit()).as(what + ": " + r.err()).isZero();
            String command = ask[0].equals("help") ? ask[1] : ask[0];
            assertThat(r.out()).as(what).startsWith("Usage: ./zocalo " + command);
            assertThat(r.err()).as(what).isEmpty();
        }
        try (var created = Files.list(cwd)) {
            assertThat(created.toList()).as("nothing written in the working directory").isEmpty();
        }
    }

    @Test
    void build_refuses_arguments_it_does_not_know(@TempDir Path dir) throws Exception {
        Run r = launcher(dir, dir.resolve("bin"), "build", "--force");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("build takes no arguments", "./zocalo build --help");
        Run image = launcher(dir, dir.resolve("bin"), "image", "--push");
        assertThat(image.exit()).isEqualTo(1);
        assertThat(image.err()).contains("image takes only --check (got: --push)", "./zocalo image --help");
    }
}
