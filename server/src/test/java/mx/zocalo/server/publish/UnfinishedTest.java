package mx.zocalo.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Unfinished} does with the folders of a web publish killed before or after its commit (the states are
 * made by the real publisher: a web publish publishes its {@code .new} folder, then swaps it in), and with a publish's
 * staging folder that never reached its commit. Kills of real processes are in {@code CrashTrialsTest}.
 */
class UnfinishedTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    final PortalIris iris = new PortalIris("https://datos.example.mx/");

    @TempDir
    Path data;

    @Test
    void a_web_publish_killed_after_its_commit_is_swapped_in_and_one_killed_before_is_removed() throws IOException {
        Path sources = data.resolve("sources");
        try (TdbStore store = TdbStore.open(data)) {
            Path committed = copy(FIXTURES.resolve("pagos-prueba"), sources.resolve(".pagos-prueba.0a1b.new"));
            new DatasetPublisher(store, iris).publish(committed, false); // killed right after this, before the swap
            Path never = copy(FIXTURES.resolve("filas-prueba"), sources.resolve(".filas-prueba.2c3d.new"));
            Path staged = Files.createDirectories(store.filesDirectory().resolve(".filas-prueba.incoming"));
            Files.writeString(staged.resolve("filas.csv"), "id\n1\n");

            List<String> done = Unfinished.recover(store, iris);

            assertThat(sources.resolve("pagos-prueba").resolve("dataset.yaml")).isRegularFile();
            assertThat(committed).doesNotExist();
            assertThat(never).doesNotExist();
            assertThat(staged).doesNotExist();
            assertThat(done).anyMatch(l -> l.startsWith("finished the web publish of pagos-prueba") && l.contains(committed.toString()));
            assertThat(done).anyMatch(l -> l.startsWith("removed an unfinished web publish of filas-prueba") && l.contains(never.toString()));
            assertThat(done).anyMatch(l -> l.startsWith("removed an unfinished publish of filas-prueba") && l.contains(staged.toString()));
            assertThat(Unfinished.recover(store, iris)).as("nothing left the second time").isEmpty();
        }
    }

    @Test
    void the_previous_folder_of_a_web_publish_goes_back_when_the_new_one_never_came() throws IOException {
        Path sources = data.resolve("sources");
        try (TdbStore store = TdbStore.open(data)) {
            Path old = copy(FIXTURES.resolve("pagos-prueba"), sources.resolve(".pagos-prueba.4e5f.old"));
            List<String> done = Unfinished.recover(store, iris);
            assertThat(sources.resolve("pagos-prueba").resolve("pagos.csv")).isRegularFile();
            assertThat(old).doesNotExist();
            assertThat(done).singleElement().asString().startsWith("moved back the folder of an unfinished web publish");
        }
    }

    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
        return to;
    }
}
