package mx.zocalo.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accounts database on a real H2 file in a temporary data directory, with a clock the tests move. */
class AccountsTest {
    static final char[] PASSWORD = "una contraseña larga de prueba".toCharArray();

    @TempDir
    Path data;

    /** A clock that stands still until moved. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-06-01T10:00:00Z");

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void users_organisations_and_the_audit_log_survive_a_restart() {
        try (Accounts a = Accounts.open(data)) {
            a.users().addOrganisation("finanzas", "Secretaría de Finanzas", null, "https://finanzas.example.mx/");
            a.users().add("Editora@Finanzas.gob.mx", "Editora", Role.EDITOR, "finanzas", PASSWORD, false);
            a.audit().record("cli:root", "user.add", "editora@finanzas.gob.mx", "editor of finanzas");
        }
        assertThat(data.resolve("accounts/accounts.mv.db")).isRegularFile();
        try (Accounts a = Accounts.open(data)) {
            assertThat(a.schemaVersion()).isEqualTo(Accounts.SCHEMA);
            Users.User u = a.users().authenticate("editora@finanzas.gob.mx", PASSWORD).orElseThrow();
            assertThat(u.principal()).isEqualTo(new Principal("editora@finanzas.gob.mx", "Editora", Role.EDITOR, "finanzas"));
            assertThat(a.users().organisation("finanzas").orElseThrow().homepage()).isEqualTo("https://finanzas.example.mx/");
            assertThat(a.audit().page(null, null, 0, 10)).extracting(AuditLog.Entry::action).containsExactly("user.add");
        }
    }

    @Test
    void passwords_are_argon2id_phc_strings_salted_and_verified() {
        String h1 = Passwords.hash(PASSWORD);
        String h2 = Passwords.hash(PASSWORD);
        assertThat(h1).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(h2);
        assertThat(Passwords.verify(PASSWORD, h1)).isTrue();
        assertThat(Passwords.verify("una contraseña larga de prueba!".toCharArray(), h1)).isFalse();
        assertThat(Passwords.verify(PASSWORD, h1.replace("t=2", "t=3"))).isFalse(); // the parameters are part of the hash
        assertThat(Passwords.verify(PASSWORD, "$argon2id$v=19$garbage")).isFalse();
    }

    @Test
    void argon2id_agrees_with_the_reference_implementation() {
        // computed by the reference C library (Debian's libargon2 1, argon2id_hash_encoded(t=2, m=19456, p=1,
        // "password", salt "somesaltsomesalt", 32 bytes)), independently of Bouncy Castle
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";
        assertThat(Passwords.verify("password".toCharArray(), reference)).isTrue();
        assertThat(Passwords.verify("passwore".toCharArray(), reference)).isFalse();
    }

    @Test
    void weak_passwords_bad_slugs_and_editors_without_organisation_are_refused() {
        try (Accounts a = Accounts.open(data)) {
            assertThatThrownBy(() -> a.users().add("x@example.mx", null, Role.ADMIN, null, "corta".toCharArray(), false))
                    .hasMessageContaining("at least 12");
            assertThatThrownBy(() -> a.users().addOrganisation("Finanzas!", "F", null, null)).hasMessageContaining("slug");
            assertThatThrownBy(() -> a.users().add("x@example.mx", null, Role.EDITOR, "nadie", PASSWORD, false))
                    .hasMessageContaining("No organisation nadie");
            assertThatThrownBy(() -> a.users().add("no-es-correo", null, Role.ADMIN, null, PASSWORD, false)).hasMessageContaining("e-mail");
        }
    }

    @Test
    void sessions_end_when_idle_or_old_and_are_stored_hashed() {
        MovingClock clock = new MovingClock();
        try (Accounts a = Accounts.open(data, clock)) {
            a.users().add("r@example.mx", null, Role.REVIEWER, null, PASSWORD, false);
            String id = a.sessions().create("r@example.mx");
            assertThat(id).hasSize(43);
            assertThat(a.sessions().find(id)).isPresent();
            clock.move(Duration.ofHours(7));
            assertThat(a.sessions().find(id)).as("7 h idle of 8").isPresent();
            clock.move(Duration.ofHours(8).plusMinutes(1));
            assertThat(a.sessions().find(id)).as("8 h idle").isEmpty();
            // absolute: used every hour, still ends after 7 days
            String busy = a.sessions().create("r@example.mx");
            for (int h = 0; h < 24 * 7 - 1; h++) {
                clock.move(Duration.ofHours(1));
                assertThat(a.sessions().find(busy)).isPresent();
            }
            clock.move(Duration.ofHours(1));
            assertThat(a.sessions().find(busy)).isEmpty();
            String other = a.sessions().create("r@example.mx");
            assertThat(a.sessions().find(other.substring(0, 42) + (other.endsWith("A") ? "B" : "A"))).isEmpty();
            a.users().setDisabled("r@example.mx", true);
            assertThat(a.sessions().find(other)).as("a disabled user's session").isEmpty();
        }
    }

    @Test
    void tokens_are_shown_once_stored_hashed_revocable_and_expire() {
        MovingClock clock = new MovingClock();
        try (Accounts a = Accounts.open(data, clock)) {
            a.users().add("e@example.mx", null, Role.ADMIN, null, PASSWORD, false);
            Tokens.Created t = a.tokens().create("e@example.mx", "automatización", Duration.ofDays(30));
            assertThat(t.value()).startsWith("zoc_").hasSize(47);
            assertThat(a.tokens().find(t.value()).orElseThrow().email()).isEqualTo("e@example.mx");
            assertThat(a.tokens().list("e@example.mx").get(0).lastUsed()).isEqualTo(clock.now);
            clock.move(Duration.ofDays(30));
            assertThat(a.tokens().find(t.value())).as("expired").isEmpty();
            Tokens.Created u = a.tokens().create("e@example.mx", "otra", null);
            assertThat(u.expires()).isEqualTo(clock.now.plus(Tokens.DEFAULT_VALIDITY));
            assertThat(a.tokens().revoke("otro@example.mx", u.id())).as("not theirs").isFalse();
            assertThat(a.tokens().revoke("e@example.mx", u.id())).isTrue();
            assertThat(a.tokens().find(u.value())).as("revoked").isEmpty();
            assertThatThrownBy(() -> a.tokens().create("e@example.mx", "larga", Duration.ofDays(400))).hasMessageContaining("1 year");
        }
    }

    @Test
    void five_failures_block_the_account_for_fifteen_minutes_whether_or_not_it_exists() {
        MovingClock clock = new MovingClock();
        try (Accounts a = Accounts.open(data, clock)) {
            for (String account : List.of("existe@example.mx", "no-existe@example.mx")) {
                for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) {
                    assertThat(a.throttle().blocked(account, "198.51.100." + i)).isEmpty();
                    a.throttle().record(account, "198.51.100." + i, false);
                    clock.move(Duration.ofMinutes(1));
                }
                Duration wait = a.throttle().blocked(account, "192.0.2.1").orElseThrow();
                // the first failure was 5 minutes ago: 10 minutes to wait
                assertThat(wait).isEqualTo(Duration.ofMinutes(10));
                clock.move(wait);
                assertThat(a.throttle().blocked(account, "192.0.2.1")).isEmpty();
                clock.move(Duration.ofMinutes(20));
            }
            for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) a.throttle().record("cuenta" + i + "@example.mx", "203.0.113.9", false);
            assertThat(a.throttle().blocked("otra@example.mx", "203.0.113.9")).isPresent();
            assertThat(a.throttle().blocked("otra@example.mx", "203.0.113.10")).isEmpty();
        }
    }

    @Test
    void the_audit_log_is_newest_first_paged_and_filtered() {
        MovingClock clock = new MovingClock();
        try (Accounts a = Accounts.open(data, clock)) {
            for (int i = 0; i < 7; i++) {
                a.audit().record(i % 2 == 0 ? "a@example.mx" : "b@example.mx", i % 3 == 0 ? "login" : "publish", "t" + i, "198.51.100.1", null);
                clock.move(Duration.ofSeconds(1));
            }
            assertThat(a.audit().page(null, null, 0, 3)).extracting(AuditLog.Entry::target).containsExactly("t6", "t5", "t4");
            assertThat(a.audit().page(null, null, 3, 3)).extracting(AuditLog.Entry::target).containsExactly("t3", "t2", "t1");
            assertThat(a.audit().page("login", null, 0, 10)).extracting(AuditLog.Entry::target).containsExactly("t6", "t3", "t0");
            assertThat(a.audit().page("publish", "b@example.mx", 0, 10)).extracting(AuditLog.Entry::target).containsExactly("t5", "t1");
            assertThat(a.audit().actions()).containsExactly("login", "publish");
        }
    }
}
