package mx.zocalo.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TDB2 store belongs to one process: a second process opening it gets a message saying so, naming the other one. */
class TdbStoreLockTest {
    /** Run in a separate JVM by the test: opens the store, says so, and holds it until killed. */
    public static void main(String[] args) throws Exception {
        TdbStore.open(Path.of(args[0]));
        System.out.println("open");
        System.out.flush();
        Thread.sleep(120_000);
    }

    @Test
    void a_store_held_by_another_process_is_refused_with_a_message_naming_the_directory_and_the_process(@TempDir Path dir)
            throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TdbStoreLockTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("open")) {
                // the other JVM's log lines
            }
            assertThat(line).as("the other process opened the store").isEqualTo("open");

            assertThatThrownBy(() -> TdbStore.open(dir))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("The data directory " + dir + " is in use by another Zócalo process (pid " + other.pid() + ")")
                    .hasMessageContaining("Stop it");
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
