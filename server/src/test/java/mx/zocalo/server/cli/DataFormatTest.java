package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mx.zocalo.server.store.DataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory records the format and the version that wrote it: a newer format is refused untouched, an older
 * one (a directory of a version that recorded none) is upgraded on open.
 */
class DataFormatTest {
    private static final String FIXTURE = "src/test/resources/fixtures/pagos-prueba";

    @TempDir
    Path dir;

    private static int run(StringBuilder err, String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return ZocaloCommand.run(args, Map.of());
        } finally {
            System.setErr(saved);
            err.append(e.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aNewDirectoryRecordsItsFormatAndWriter() throws Exception {
        Path data = dir.resolve("data");
        StringBuilder err = new StringBuilder();
        assertThat(run(err, "publish", FIXTURE, "--data", data.toString())).as(err::toString).isZero();
        assertThat(Files.readString(DataDirectory.file(data))).contains("format=" + DataDirectory.FORMAT)
                .contains("writtenBy=" + DataDirectory.PORTAL_VERSION);
    }

    @Test
    void aNewerFormatIsRefusedAndLeftAsItWas() throws Exception {
        Path data = dir.resolve("data");
        StringBuilder err = new StringBuilder();
        assertThat(run(err, "publish", FIXTURE, "--data", data.toString())).as(err::toString).isZero();
        String newer = Files.readString(DataDirectory.file(data)).replace("format=" + DataDirectory.FORMAT, "format=99")
                .replace("writtenBy=" + DataDirectory.PORTAL_VERSION, "writtenBy=9.0.0");
        Files.writeString(DataDirectory.file(data), newer);
        long tdb2Files;
        try (var s = Files.walk(data.resolve("tdb2"))) {
            tdb2Files = s.count();
        }
        StringBuilder refused = new StringBuilder();
        assertThat(run(refused, "publish", FIXTURE, "--data", data.toString(), "--force")).isEqualTo(1);
        assertThat(refused.toString()).contains("was written by a newer Zócalo (9.0.0, data format 99)")
                .contains("reads data format " + DataDirectory.FORMAT + " at most");
        assertThat(Files.readString(DataDirectory.file(data))).isEqualTo(newer);
        try (var s = Files.walk(data.resolve("tdb2"))) {
            assertThat(s.count()).isEqualTo(tdb2Files);
        }
    }

    @Test
    void anOlderFormatIsUpgradedOnOpen() throws Exception {
        Path data = dir.resolve("data");
        StringBuilder err = new StringBuilder();
        assertThat(run(err, "publish", FIXTURE, "--data", data.toString())).as(err::toString).isZero();
        // what a directory of an earlier version holds: no format, no writer
        String older = Files.readString(DataDirectory.file(data)).lines()
                .filter(l -> !l.startsWith("format=") && !l.startsWith("writtenBy=")).reduce("", (a, b) -> a + b + "\n");
        Files.writeString(DataDirectory.file(data), older);
        StringBuilder upgraded = new StringBuilder();
        assertThat(run(upgraded, "publish", FIXTURE, "--data", data.toString())).as(upgraded::toString).isZero();
        assertThat(Files.readString(DataDirectory.file(data))).contains("format=" + DataDirectory.FORMAT)
                .contains("base=").contains("created=");
    }
}
