package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.ops.AccessLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a reverse proxy ({@code --behind-proxy}): redirects and links built from the request use the public scheme and
 * host the proxy forwards, cookies are Secure when the proxy says https, the client's address is the one the proxy
 * saw; without the flag, the same headers change nothing (a client cannot forge its address).
 */
class ProxyHeadersTest {
    @TempDir
    Path dir;

    private static HttpRequest.Builder proxied(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "datos.example.mx");
    }

    @Test
    void behindAProxyTheForwardedClientSchemeAndHostAreUsed() throws Exception {
        Path log = dir.resolve("access.log");
        try (Accounts accounts = Accounts.open(dir.resolve("data"));
             TestPortal p = new TestPortal(dir.resolve("data"), SparqlLimits.defaults(), b -> b.accounts(accounts)
                     .behindProxy(true).accessLog(AccessLog.toFile(log, AccessLog.Format.COMBINED)))) {
            AccountsPortal.seed(accounts);
            HttpResponse<String> admin = p.http.send(proxied(p.url("/admin/users")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(admin.statusCode()).isEqualTo(303);
            String location = admin.headers().firstValue("Location").orElseThrow();
            // relative, or absolute at the public address: never the portal's own host and port
            assertThat(location).satisfiesAnyOf(l -> assertThat(l).startsWith("/login"),
                    l -> assertThat(l).startsWith("https://datos.example.mx/login"));
            assertThat(location).doesNotContain("localhost");
            HttpResponse<String> login = p.http.send(proxied(p.url("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty()
                    .allSatisfy(c -> assertThat(c).containsIgnoringCase("Secure"));
            List<String> lines = awaitLines(log, 2);
            assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("203.0.113.7 "));
        }
    }

    @Test
    void withoutTheFlagForwardedHeadersAreNotBelieved() throws Exception {
        Path log = dir.resolve("access.log");
        try (Accounts accounts = Accounts.open(dir.resolve("data"));
             TestPortal p = new TestPortal(dir.resolve("data"), SparqlLimits.defaults(), b -> b.accounts(accounts)
                     .accessLog(AccessLog.toFile(log, AccessLog.Format.COMBINED)))) {
            p.http.send(HttpRequest.newBuilder(URI.create(p.url("/login"))).header("X-Forwarded-For", "203.0.113.7").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(awaitLines(log, 1).get(0)).startsWith("127.0.0.1 ");
        }
    }

    @Test
    void catalogPagingLinksFollowTheForwardedAddress() throws Exception {
        try (TestPortal p = new TestPortal(dir.resolve("data"), SparqlLimits.defaults(), b -> b.behindProxy(true))) {
            p.publisher.publish(TestPortal.FIXTURE, false);
            HttpResponse<String> ttl = p.http.send(proxied(p.url("/catalog?page=1")).header("Accept", "text/turtle").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ttl.statusCode()).isEqualTo(200);
            assertThat(ttl.body()).contains("https://datos.example.mx/catalog?page=1").doesNotContain("localhost");
        }
    }

    private static List<String> awaitLines(Path file, int n) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= n) return lines;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("fewer than " + n + " lines in " + file);
    }
}
