package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration file and the {@code ZOCALO_…} variables: precedence (flag > variable > file > default), {@code
 * zocalo config} naming where each value came from with secrets masked, and start-up stopped with the file, line and key
 * for an unknown key or a bad value.
 */
class SettingsTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int status = ZocaloCommand.run(args, env);
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The line of {@code zocalo config}'s output for {@code key}. */
    private static String line(Run r, String key) {
        return r.out().lines().filter(l -> l.startsWith(key + " ")).findFirst().orElseThrow(() -> new AssertionError("no " + key + " in\n" + r.out()));
    }

    @Test
    void flagsBeatVariablesWhichBeatTheFileWhichBeatsTheDefault() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("zocalo.yaml"), """
                # the office's settings
                port: 9001
                query-timeout: 45
                max-rows: 500
                base: https://datos.example.mx/
                """);
        Map<String, String> env = Map.of("ZOCALO_QUERY_TIMEOUT", "50", "ZOCALO_MAX_ROWS", "700", "ZOCALO_HOME", "/opt/zocalo");
        Run r = run(env, "config", "--data", data.toString(), "serve", "--", "--max-rows", "900");
        assertThat(r.status()).as(r.err()).isZero();
        String file = data.resolve("zocalo.yaml").toString();
        assertThat(r.out()).contains("configuration file " + file);
        assertThat(line(r, "port")).contains("9001").endsWith(file + ":2");          // the file
        assertThat(line(r, "query-timeout")).contains("50").endsWith("ZOCALO_QUERY_TIMEOUT"); // a variable beats the file
        assertThat(line(r, "max-rows")).contains("900").endsWith("flag --max-rows");   // a flag beats both
        assertThat(line(r, "base")).contains("https://datos.example.mx/").endsWith(file + ":5");
        assertThat(line(r, "max-concurrent-queries")).contains("4").endsWith("default");
        assertThat(line(r, "data")).contains(data.toString()).endsWith("flag --data");
    }

    @Test
    void theDataDirectoryFromTheEnvironmentIsReportedAsSuch() throws Exception {
        // as in the container image, which sets ZOCALO_DATA=/data
        Path data = Files.createDirectories(dir.resolve("volume"));
        Files.writeString(data.resolve("zocalo.yaml"), "port: 9002\n");
        Run r = run(Map.of("ZOCALO_DATA", data.toString()), "config");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("configuration file " + data.resolve("zocalo.yaml"));
        assertThat(line(r, "data")).contains(data.toString()).endsWith("ZOCALO_DATA");
        assertThat(line(r, "port")).contains("9002").endsWith(data.resolve("zocalo.yaml") + ":1");
    }

    @Test
    void theFileCanBeNamedAndSecretsAreMasked() throws Exception {
        Path config = dir.resolve("etc/zocalo.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "metrics: token:abcdefghijklmnopqrstu\naccess-log: /var/log/zocalo/access.log\n");
        Run r = run(Map.of(), "config", "--config", config.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(line(r, "metrics")).contains("token:****").doesNotContain("abcdefghijklmnopqrstu");
        assertThat(line(r, "access-log")).contains("/var/log/zocalo/access.log");
        assertThat(r.out()).doesNotContain("abcdefghijklmnopqrstu");
    }

    @Test
    void anUnknownKeyStopsStartUpWithTheFileLineAndKey() throws Exception {
        Path config = dir.resolve("zocalo.yaml");
        Files.writeString(config, "port: 8080\n\nprot: 9090\n");
        Run r = run(Map.of(), "serve", "--config", config.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(config + ":3: unknown key 'prot'; did you mean 'port'?");
    }

    @Test
    void aBadValueStopsStartUpWithTheFileLineAndKey() throws Exception {
        Path config = dir.resolve("zocalo.yaml");
        Files.writeString(config, "base: https://datos.example.mx/\nport: eighty\n");
        Run r = run(Map.of(), "serve", "--config", config.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(config + ":2: key 'port': 'eighty' is not a number");
        Run env = run(Map.of("ZOCALO_QUERY_TIMEOUT", "soon"), "config");
        assertThat(env.status()).isEqualTo(2);
        assertThat(env.err()).contains("ZOCALO_QUERY_TIMEOUT: key 'query-timeout': 'soon' is not a number");
        Files.writeString(config, "sparql:\n  timeout: 30\n");
        Run nested = run(Map.of(), "config", "--config", config.toString());
        assertThat(nested.status()).isEqualTo(2);
        assertThat(nested.err()).contains(config + ":2: key 'sparql': expected one value");
        Files.writeString(config, "port: [8080\n");
        Run broken = run(Map.of(), "config", "--config", config.toString());
        assertThat(broken.status()).isEqualTo(2);
        assertThat(broken.err()).contains(config + ":").contains("not valid YAML");
        Run missing = run(Map.of(), "serve", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml does not exist");
    }
}
