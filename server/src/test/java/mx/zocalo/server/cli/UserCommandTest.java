package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.AuditLog;
import mx.zocalo.server.accounts.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./zocalo user} and {@code ./zocalo org} on a real accounts database: the first admin, editors, recovery. */
class UserCommandTest {
    static final String PASSWORD = "la primera contraseña";

    @TempDir
    Path data;
    final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream((stdin + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            CommandLine cl = ZocaloCommand.commandLine();
            cl.setErr(new PrintWriter(err, true));
            return cl.execute(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void the_first_admin_an_editor_with_a_new_organisation_and_a_reset() {
        String d = data.toString();
        assertThat(run(PASSWORD, "user", "add", "Admin@Ciudad.gob.mx", "--role", "admin", "--password-stdin", "--data", d)).isZero();
        assertThat(run(PASSWORD, "user", "add", "e@finanzas.gob.mx", "--org", "finanzas", "--role", "editor", "--password-stdin", "--data", d))
                .as("an unknown organisation without --org-name").isEqualTo(1);
        assertThat(err.toString()).contains("No organisation finanzas");
        assertThat(run(PASSWORD, "user", "add", "e@finanzas.gob.mx", "--org", "finanzas", "--org-name", "Secretaría de Finanzas",
                "--role", "editor", "--name", "Editora", "--password-stdin", "--data", d)).isZero();
        assertThat(run(PASSWORD, "user", "add", "e@finanzas.gob.mx", "--org", "finanzas", "--password-stdin", "--data", d))
                .as("twice").isEqualTo(1);
        assertThat(run("corta", "user", "add", "r@ciudad.gob.mx", "--role", "reviewer", "--password-stdin", "--data", d))
                .as("a short password").isEqualTo(1);
        assertThat(run("", "user", "add", "r@ciudad.gob.mx", "--role", "jefe", "--password-stdin", "--data", d)).isEqualTo(1);
        assertThat(err.toString()).contains("Unknown role 'jefe'");
        assertThat(run("", "org", "add", "salud", "--name", "Secretaría de Salud", "--data", d)).isZero();

        try (Accounts a = Accounts.open(data)) {
            assertThat(a.users().authenticate("admin@ciudad.gob.mx", PASSWORD.toCharArray()).orElseThrow().role()).isEqualTo(Role.ADMIN);
            assertThat(a.users().find("e@finanzas.gob.mx").orElseThrow().organisation()).isEqualTo("finanzas");
            assertThat(a.users().find("r@ciudad.gob.mx")).isEmpty();
            assertThat(a.users().organisations()).extracting(o -> o.slug()).containsExactly("finanzas", "salud");
            a.sessions().create("e@finanzas.gob.mx");
            a.tokens().create("e@finanzas.gob.mx", "robot", null);
        }
        assertThat(run("otra contraseña distinta", "user", "reset", "E@finanzas.gob.mx", "--password-stdin", "--data", d)).isZero();
        assertThat(run("otra contraseña distinta", "user", "reset", "nadie@finanzas.gob.mx", "--password-stdin", "--data", d)).isEqualTo(1);
        try (Accounts a = Accounts.open(data)) {
            assertThat(a.users().authenticate("e@finanzas.gob.mx", PASSWORD.toCharArray())).isEmpty();
            assertThat(a.users().authenticate("e@finanzas.gob.mx", "otra contraseña distinta".toCharArray())).isPresent();
            assertThat(a.sessions().count("e@finanzas.gob.mx")).isZero();
            assertThat(a.tokens().list("e@finanzas.gob.mx")).allSatisfy(t -> assertThat(t.revoked()).isNotNull());
            assertThat(a.audit().page(null, null, 0, 20)).extracting(AuditLog.Entry::action)
                    .containsExactly("password.reset", "organisation.add", "user.add", "organisation.add", "user.add");
            assertThat(a.audit().page(null, null, 0, 20)).allSatisfy(e -> assertThat(e.who()).startsWith("cli:"));
        }
    }

    @Test
    void serve_opens_the_accounts_of_its_data_directory_and_the_user_signs_in() throws Exception {
        Path dir = data.resolve("portal");
        assertThat(run(PASSWORD, "user", "add", "admin@ciudad.gob.mx", "--role", "admin", "--password-stdin", "--data", dir.toString())).isZero();
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ZocaloCommand.class.getName(), "serve", "--data", dir.toString(), "--port",
                String.valueOf(port), "--secure-cookies");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null && !line.contains("serving "); line = r.readLine()) {
                // until it serves
            }
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String base = "http://localhost:" + port;
            var form = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String csrf = form.body().replaceAll("(?s).*name=\"csrf\" value=\"([0-9a-f]{64})\".*", "$1");
            String pre = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String body = "email=admin%40ciudad.gob.mx&password=" + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&csrf=" + csrf;
            var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", pre)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("zocalo_session=").contains("; Secure"));
        } finally {
            p.destroy();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }
}
