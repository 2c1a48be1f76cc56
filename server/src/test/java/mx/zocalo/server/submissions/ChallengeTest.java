package mx.zocalo.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChallengeTest {
    @TempDir
    Path folder;

    @Test
    void answers_in_digits_or_words_pass_once_and_forged_tokens_never() {
        Instant t0 = Instant.parse("2026-12-04T12:00:00Z");
        SecretKey key = SecretKey.in(folder);
        UsedChallenges used = new UsedChallenges(folder, Clock.fixed(t0, ZoneOffset.UTC));
        Challenge asking = new Challenge(key, used, Duration.ofMinutes(30), Duration.ofSeconds(3), Clock.fixed(t0, ZoneOffset.UTC));
        Challenge c = new Challenge(key, used, Duration.ofMinutes(30), Duration.ofSeconds(3), Clock.fixed(t0.plusSeconds(10), ZoneOffset.UTC));
        Challenge.Question q = asking.ask();
        int sum = q.a() + q.b();
        assertThat(q.text("es")).contains(Challenge.ES.get(q.a())).contains(" más ");
        assertThat(q.text("en")).contains(Challenge.EN.get(q.b())).contains(" plus ");
        // a token whose numbers were changed no longer matches its signature
        String[] p = q.token().split("\\.");
        String forged = p[0] + "." + p[1] + ".1.1." + p[4];
        assertThat(c.check(forged, "2")).isEqualTo(Challenge.Verdict.INVALID);
        assertThat(c.check(q.token(), Challenge.ES.get(sum).toUpperCase())).isEqualTo(Challenge.Verdict.PASSED);
        assertThat(c.check(q.token(), Integer.toString(sum))).isEqualTo(Challenge.Verdict.USED);
        // a token from another data directory (another key) is not ours
        Path other = folder.resolve("other");
        Challenge elsewhere = new Challenge(SecretKey.in(other), new UsedChallenges(folder, Clock.systemUTC()), Duration.ofMinutes(30),
                Duration.ZERO, Clock.systemUTC());
        assertThat(elsewhere.check(c.ask().token(), "4")).isEqualTo(Challenge.Verdict.INVALID);
        assertThat(Challenge.number("dieciseis")).isEqualTo(16);
        assertThat(Challenge.number(" 12 ")).isEqualTo(12);
        assertThat(Challenge.number("doce y algo")).isNull();
    }

    @Test
    void a_spent_token_stays_spent_after_a_restart() {
        Clock clock = Clock.systemUTC();
        SecretKey key = SecretKey.in(folder);
        Challenge first = new Challenge(key, new UsedChallenges(folder, clock), Duration.ofMinutes(30), Duration.ZERO, clock);
        Challenge.Question q = first.ask();
        assertThat(first.check(q.token(), Integer.toString(q.a() + q.b()))).isEqualTo(Challenge.Verdict.PASSED);
        Challenge restarted = new Challenge(SecretKey.in(folder), new UsedChallenges(folder, clock), Duration.ofMinutes(30), Duration.ZERO, clock);
        assertThat(restarted.check(q.token(), Integer.toString(q.a() + q.b()))).isEqualTo(Challenge.Verdict.USED);
    }
}
