package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mx.zocalo.server.accounts.AuditLog;
import mx.zocalo.server.accounts.LoginThrottle;
import mx.zocalo.server.accounts.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security of the accounts on a real portal: CSRF, session fixation, throttling, token revocation, sign-out
 * everywhere, cookie flags, the security headers of every kind of answer, a read-only {@code /sparql} for an admin, and
 * no password hash anywhere the public can read.
 */
class AccountsWebTest {
    @TempDir
    static Path data;
    static AccountsPortal portal;

    @BeforeAll
    static void start() {
        portal = new AccountsPortal(data);
        portal.portal.publisher.publish(TestPortal.FIXTURE, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    @Test
    void a_form_without_the_right_csrf_token_is_refused() throws Exception {
        String session = portal.signIn(AccountsPortal.REVIEWER);
        String cookie = AccountsPortal.cookie(session);
        AccountsPortal.Answer missing = portal.send("POST", "/account/tokens", Map.of("name", "sin token"), cookie, null);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body()).contains("CSRF");
        String other = portal.csrf(portal.signIn(AccountsPortal.ADMIN)); // another session's token
        assertThat(portal.send("POST", "/account/tokens", Map.of("name", "ajeno", "csrf", other), cookie, null).status()).isEqualTo(403);
        assertThat(portal.send("POST", "/account/tokens", Map.of("name", "bueno", "csrf", portal.csrf(session)), cookie, null).status())
                .isEqualTo(201);
        assertThat(portal.accounts.tokens().list(AccountsPortal.REVIEWER)).extracting(Tokens.Token::name).contains("bueno")
                .doesNotContain("sin token", "ajeno");
        // the sign-in form too: without the pre-session cookie's token
        assertThat(portal.send("POST", "/login", Map.of("email", AccountsPortal.ADMIN, "password", AccountsPortal.PASSWORD), null, null).status())
                .isEqualTo(403);
    }

    @Test
    void signing_in_gives_a_new_session_id_and_the_old_one_is_refused() throws Exception {
        String first = portal.signIn(AccountsPortal.EDITOR);
        // signing in again from the same browser (its cookie sent): a new id, the old one ended
        AccountsPortal.Answer form = portal.send("GET", "/login", null, null, null);
        String pre = form.cookies().get(SessionAccess.PRE_COOKIE);
        AccountsPortal.Answer again = portal.send("POST", "/login",
                Map.of("email", AccountsPortal.EDITOR, "password", AccountsPortal.PASSWORD, "csrf", form.csrf()),
                SessionAccess.PRE_COOKIE + "=" + pre + "; " + AccountsPortal.cookie(first), null);
        assertThat(again.status()).isEqualTo(303);
        String second = again.cookies().get(SessionAccess.COOKIE);
        assertThat(second).isNotBlank().isNotEqualTo(first);
        assertThat(portal.send("GET", "/account", null, AccountsPortal.cookie(first), null).status()).isEqualTo(303);
        assertThat(portal.send("GET", "/account", null, AccountsPortal.cookie(second), null).status()).isEqualTo(200);
        // a made-up id a visitor planted is never adopted
        String planted = "A".repeat(43);
        AccountsPortal.Answer withPlanted = portal.send("POST", "/login",
                Map.of("email", AccountsPortal.EDITOR, "password", AccountsPortal.PASSWORD, "csrf", form.csrf()),
                SessionAccess.PRE_COOKIE + "=" + pre + "; " + AccountsPortal.cookie(planted), null);
        assertThat(withPlanted.cookies().get(SessionAccess.COOKIE)).isNotEqualTo(planted);
        assertThat(portal.send("GET", "/account", null, AccountsPortal.cookie(planted), null).status()).isEqualTo(303);
    }

    @Test
    void the_sixth_failure_is_throttled_and_then_even_the_right_password_is_refused() throws Exception {
        String email = AccountsPortal.OTHER_EDITOR;
        for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) {
            assertThat(portal.signInAnswer(email, "contraseña equivocada " + i).status()).isEqualTo(401);
        }
        AccountsPortal.Answer sixth = portal.signInAnswer(email, "contraseña equivocada 6");
        assertThat(sixth.status()).isEqualTo(429);
        int retry = Integer.parseInt(sixth.response().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isBetween(1, (int) LoginThrottle.WINDOW.toSeconds() + 1);
        AccountsPortal.Answer right = portal.signInAnswer(email, AccountsPortal.PASSWORD);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.cookies()).doesNotContainKey(SessionAccess.COOKIE);
        // an unknown account answers the same
        for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) portal.signInAnswer("nadie@salud.gob.mx", "x" + i);
        AccountsPortal.Answer unknown = portal.signInAnswer("nadie@salud.gob.mx", "y");
        assertThat(unknown.status()).isEqualTo(429);
        assertThat(unknown.body().replace("nadie@salud.gob.mx", email)).isEqualTo(right.body().replace(right.csrf(), unknown.csrf()));
        List<AuditLog.Entry> log = portal.accounts.audit().page(null, email, 0, 20);
        assertThat(log).extracting(AuditLog.Entry::action).contains("login.failure", "login.throttled");
        assertThat(log).allSatisfy(e -> assertThat(String.valueOf(e.detail())).doesNotContain("equivocada"));
    }

    @Test
    void a_revoked_or_expired_token_answers_401() throws Exception {
        String session = portal.signIn(AccountsPortal.ADMIN);
        String cookie = AccountsPortal.cookie(session);
        AccountsPortal.Answer created = portal.send("POST", "/account/tokens", Map.of("name", "robot", "days", "30", "csrf", portal.csrf(session)), cookie, null);
        assertThat(created.status()).isEqualTo(201);
        String token = created.body().replaceAll("(?s).*<code id=\"new-token\">(zoc_[A-Za-z0-9_-]{43})</code>.*", "$1");
        assertThat(token).startsWith("zoc_").hasSize(47);
        assertThat(portal.send("GET", "/account", null, cookie, null).body()).contains("robot").doesNotContain(token); // shown once
        assertThat(portal.send("GET", "/admin/audit", null, null, token).status()).isEqualTo(200);
        long id = portal.accounts.tokens().list(AccountsPortal.ADMIN).stream().filter(t -> t.name().equals("robot")).findFirst().orElseThrow().id();
        assertThat(portal.send("POST", "/account/tokens/" + id + "/revoke", Map.of("csrf", portal.csrf(session)), cookie, null).status()).isEqualTo(303);
        AccountsPortal.Answer revoked = portal.send("GET", "/admin/audit", null, null, token);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(portal.send("POST", "/account/tokens", Map.of("name", "x"), null, token).status()).isEqualTo(401);
        assertThat(portal.send("POST", "/account/tokens", Map.of("name", "x"), null, "zoc_" + "b".repeat(43)).status()).isEqualTo(401);
        assertThat(portal.accounts.audit().page(null, AccountsPortal.ADMIN, 0, 50)).extracting(AuditLog.Entry::action)
                .contains("token.create", "token.revoke");
    }

    @Test
    void signing_out_everywhere_ends_every_session_and_optionally_every_token() throws Exception {
        String a = portal.signIn(AccountsPortal.REVIEWER);
        String b = portal.signIn(AccountsPortal.REVIEWER);
        String token = portal.accounts.tokens().create(AccountsPortal.REVIEWER, "pruebas", null).value();
        AccountsPortal.Answer out = portal.send("POST", "/account/signout-everywhere", Map.of("csrf", portal.csrf(a), "tokens", "on"),
                AccountsPortal.cookie(a), null);
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.cookies().get(SessionAccess.COOKIE)).isEmpty();
        assertThat(portal.send("GET", "/account", null, AccountsPortal.cookie(a), null).status()).isEqualTo(303);
        assertThat(portal.send("GET", "/account", null, AccountsPortal.cookie(b), null).status()).isEqualTo(303);
        assertThat(portal.send("POST", "/account/tokens", Map.of("name", "x"), null, token).status()).isEqualTo(401);
        // a plain sign-out ends one session only
        String c = portal.signIn(AccountsPortal.REVIEWER);
        String d = portal.signIn(AccountsPortal.REVIEWER);
        assertThat(portal.send("POST", "/logout", Map.of("csrf", portal.csrf(c)), AccountsPortal.cookie(c), null).status()).isEqualTo(303);
        assertThat(portal.send("GET", "/account", null, AccountsPortal.cookie(c), null).status()).isEqualTo(303);
        assertThat(portal.send("GET", "/account", null, AccountsPortal.cookie(d), null).status()).isEqualTo(200);
    }

    @Test
    void the_session_cookie_is_httponly_samesite_lax_and_secure_over_https() throws Exception {
        AccountsPortal.Answer form = portal.send("GET", "/login", null, null, null);
        String pre = form.cookies().get(SessionAccess.PRE_COOKIE);
        Map<String, String> fields = Map.of("email", AccountsPortal.EDITOR, "password", AccountsPortal.PASSWORD, "csrf", form.csrf());
        String plain = sessionCookie(portal.send("POST", "/login", fields, SessionAccess.PRE_COOKIE + "=" + pre, null));
        assertThat(plain).contains("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Max-Age=" + 7 * 24 * 3600).doesNotContain("Secure");
        String https = sessionCookie(portal.send("POST", "/login", fields, SessionAccess.PRE_COOKIE + "=" + pre, null,
                Map.of("X-Forwarded-Proto", "https")));
        assertThat(https).contains("; HttpOnly", "; SameSite=Lax", "; Secure");
        assertThat(plain.substring(SessionAccess.COOKIE.length() + 1, plain.indexOf(';'))).hasSize(43); // 256 bits, base64url
    }

    private static String sessionCookie(AccountsPortal.Answer a) {
        return a.response().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SessionAccess.COOKIE + "=")).findFirst().orElseThrow();
    }

    @Test
    void every_kind_of_answer_carries_the_security_headers() throws Exception {
        String session = portal.signIn(AccountsPortal.ADMIN);
        for (String path : List.of("/", "/dataset/pagos-prueba", "/api/datasets/pagos-prueba/rows.json", "/no/existe", "/static/zocalo.css",
                "/login", "/sparql?query=ASK%7B%7D", "/embed/dataset/pagos-prueba/chart")) {
            for (String cookie : java.util.Arrays.asList(null, AccountsPortal.cookie(session))) {
                var h = portal.send("GET", path, null, cookie, null).response().headers();
                assertThat(h.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                assertThat(h.firstValue("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
                String csp = h.firstValue("Content-Security-Policy").orElseThrow();
                assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self';", "object-src 'none'");
                assertThat(csp).as(path).doesNotContain("'unsafe-eval'").doesNotContainPattern("script-src[^;]*unsafe-inline");
                if (path.startsWith("/embed/")) {
                    assertThat(csp).contains("frame-ancestors *");
                    assertThat(h.firstValue("X-Frame-Options")).isEmpty();
                } else {
                    assertThat(csp).as(path).contains("frame-ancestors 'none'");
                    assertThat(h.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
                }
                if (cookie != null && !path.startsWith("/static/")) {
                    assertThat(h.firstValue("Cache-Control")).as(path).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
                }
            }
        }
    }

    @Test
    void a_signed_in_page_shows_the_user_and_is_never_served_from_the_cache_to_others() throws Exception {
        String session = portal.signIn(AccountsPortal.EDITOR);
        String mine = portal.send("GET", "/catalog", null, AccountsPortal.cookie(session), null).body();
        assertThat(mine).contains("Editora de Finanzas", "action=\"/logout\"");
        String anonymous = portal.send("GET", "/catalog", null, null, null).body();
        assertThat(anonymous).doesNotContain("Editora de Finanzas").contains("href=\"/login\"");
    }

    @Test
    void sparql_stays_read_only_for_an_admin() throws Exception {
        String session = portal.signIn(AccountsPortal.ADMIN);
        String cookie = AccountsPortal.cookie(session);
        String token = portal.accounts.tokens().create(AccountsPortal.ADMIN, "sparql", null).value();
        String update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> \"escrito\" } }";
        assertThat(portal.send("POST", "/sparql", Map.of("update", update, "csrf", portal.csrf(session)), cookie, null).status()).isEqualTo(403);
        assertThat(portal.send("POST", "/sparql", Map.of("update", update), null, token).status()).isEqualTo(403);
        assertThat(portal.send("POST", "/sparql/update", Map.of("update", update), null, token).status()).isEqualTo(403);
        String ask = portal.send("GET", "/sparql?query=" + TestPortal.enc("ASK { GRAPH ?g { ?s ?p \"escrito\" } }"), null, null, token,
                Map.of("Accept", "application/sparql-results+json")).body();
        assertThat(ask).contains("\"boolean\"").contains("false");
    }

    @Test
    void password_hashes_and_tokens_are_nowhere_the_public_can_read() throws Exception {
        String token = portal.accounts.tokens().create(AccountsPortal.EDITOR, "buscar", null).value();
        String hash;
        String url = "jdbc:h2:file:" + data.resolve("accounts/accounts").toAbsolutePath() + ";TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE";
        try (Connection c = DriverManager.getConnection(url, "zocalo", "");
             PreparedStatement p = c.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
            p.setString(1, AccountsPortal.EDITOR);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                hash = rs.getString(1);
            }
        }
        assertThat(hash).startsWith("$argon2id$");
        String digest = hash.substring(hash.lastIndexOf('$') + 1);
        for (String secret : List.of(digest, "argon2id", token, mx.zocalo.server.accounts.Secrets.sha256(token))) {
            String q = "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER(isLiteral(?o) && CONTAINS(STR(?o), \"" + secret + "\")) }";
            String answer = portal.send("GET", "/sparql?query=" + TestPortal.enc(q), null, null, null, Map.of("Accept", "application/sparql-results+json")).body();
            assertThat(answer).as(secret).contains("\"boolean\"").doesNotContain("true");
        }
        // positive control: the same query finds a literal that is there
        String control = portal.send("GET", "/sparql?query=" + TestPortal.enc("ASK { GRAPH ?g { ?s ?p ?o } FILTER(isLiteral(?o) && CONTAINS(STR(?o), \"pagos\")) }"),
                null, null, null, Map.of("Accept", "application/sparql-results+json")).body();
        assertThat(control).contains("true");
        // every file of the data directory outside accounts/ (store, dumps, indexes, downloads)
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(data.resolve("accounts"))).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(digest).doesNotContain("$argon2id$").doesNotContain(token);
            }
        }
        assertThat(portal.send("GET", "/download/pagos-prueba.nq", null, null, null).body()).doesNotContain(digest);
    }
}
