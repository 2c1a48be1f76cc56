package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Compaction;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zocalo compact}: after republishing, compaction frees space and keeps every quad. */
class CompactCommandTest {
    private static final String FIXTURE = "src/test/resources/fixtures/pagos-prueba";

    @TempDir
    Path dir;

    @Test
    void compactionFreesWhatRepublishingLeftAndKeepsEveryQuad() throws Exception {
        Path data = dir.resolve("data");
        for (int i = 0; i < 3; i++) {
            assertThat(ZocaloCommand.run(new String[] {"publish", FIXTURE, "--data", data.toString(), "--force"}, Map.of())).isZero();
        }
        long quads;
        long triples;
        try (TdbStore s = TdbStore.open(data)) {
            quads = s.read(dsg -> dsg.stream().count());
            triples = s.read(dsg -> dsg.getGraph(new PortalIris("http://localhost:8080/").datasetGraph("pagos-prueba")).size());
        }
        long before = bytes(data.resolve("tdb2"));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = ZocaloCommand.run(new String[] {"compact", "--data", data.toString()}, Map.of());
        } finally {
            System.setOut(saved);
        }
        assertThat(status).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("compacted " + data.resolve("tdb2")).contains("freed").contains(String.format("%,d quads", quads));
        try (TdbStore s = TdbStore.open(data)) {
            long quadsAfter = s.read(dsg -> dsg.stream().count());
            long triplesAfter = s.read(dsg -> dsg.getGraph(new PortalIris("http://localhost:8080/").datasetGraph("pagos-prueba")).size());
            assertThat(quadsAfter).isEqualTo(quads);
            assertThat(triplesAfter).isEqualTo(triples);
        }
        assertThat(bytes(data.resolve("tdb2"))).isLessThan(before);
        // one generation left, smaller than the three publishes made it
        assertThat(java.nio.file.Files.list(data.resolve("tdb2")).filter(p -> p.getFileName().toString().startsWith("Data-")).count())
                .isEqualTo(1);
    }

    private static long bytes(Path dir) throws java.io.IOException {
        try (var s = java.nio.file.Files.walk(dir)) {
            return s.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void aDirectoryWithoutAStoreIsRefused() {
        assertThat(ZocaloCommand.run(new String[] {"compact", "--data", dir.resolve("none").toString()}, Map.of())).isEqualTo(1);
        assertThat(java.nio.file.Files.exists(dir.resolve("none"))).isFalse();
    }

    @Test
    void sizesAreMeasuredBeforeAndAfter() {
        Compaction.Outcome o = new Compaction.Outcome(100, 40, 5, 1);
        assertThat(o.freed()).isEqualTo(60);
        assertThat(new Compaction.Outcome(40, 100, 5, 1).freed()).isZero();
    }
}
