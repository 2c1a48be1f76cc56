package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production files in {@code deploy/} work with this portal: the example settings pass start-up's checks, the
 * systemd unit starts a command that exists with options that exist (and passes {@code systemd-analyze verify} where
 * it is installed), and the proxies send the headers {@code --behind-proxy} reads.
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("../deploy");

    @Test
    void theExampleSettingsAreAcceptedAsTheyAre() {
        Settings settings = Settings.load(new String[] {"--config", DEPLOY.resolve("zocalo.yaml").toString()}, Map.of());
        settings.check(ZocaloCommand.commandLine(settings)); // throws naming the file and line otherwise
        assertThat(settings.lookup("behind-proxy").value()).isEqualTo("true");
        assertThat(settings.lookup("bind").value()).isEqualTo("127.0.0.1");
        var parsed = ZocaloCommand.commandLine(settings).parseArgs("serve");
        assertThat(parsed.subcommand().matchedOptions()).isEmpty(); // everything from the file, nothing from flags
    }

    @Test
    void theUnitStartsServeWithOptionsThatExist() throws Exception {
        List<String> unit = Files.readAllLines(DEPLOY.resolve("zocalo.service"));
        String exec = unit.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        List<String> words = Arrays.asList(exec.substring("ExecStart=".length()).trim().split("\\s+"));
        int jar = words.indexOf("-jar");
        assertThat(jar).isPositive();
        String[] args = words.subList(jar + 2, words.size()).toArray(String[]::new);
        assertThat(args[0]).isEqualTo("serve");
        ZocaloCommand.commandLine().parseArgs(args); // throws on an unknown command or option
        assertThat(unit).contains("KillSignal=SIGTERM").anyMatch(l -> l.startsWith("TimeoutStopSec="));
        assertThat(unit).anyMatch(l -> l.equals("Environment=ZOCALO_CONFIG=/etc/zocalo/zocalo.yaml"));
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        Process p = new ProcessBuilder(analyze.toString(), "verify", DEPLOY.resolve("zocalo.service").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void theProxiesSendTheHeadersThePortalReads() throws Exception {
        String nginx = Files.readString(DEPLOY.resolve("nginx.conf"));
        assertThat(nginx).contains("proxy_set_header X-Forwarded-For").contains("proxy_set_header X-Forwarded-Proto")
                .contains("proxy_set_header X-Forwarded-Host").contains("proxy_pass http://127.0.0.1:8080");
        assertThat(Files.readString(DEPLOY.resolve("Caddyfile"))).contains("reverse_proxy 127.0.0.1:8080");
    }
}
