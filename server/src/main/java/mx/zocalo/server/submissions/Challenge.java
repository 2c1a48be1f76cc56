package mx.zocalo.server.submissions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The question a visitor answers before submitting, which needs no outside service: the sum of two small numbers
 * written in words ("¿Cuánto es siete más cinco?"). The form carries a token {@code nonce.issued.a.b.signature} signed
 * with the {@link SecretKey}; the answer is right when the signature holds, the token is not expired, the form was not
 * filled faster than a person can, the token was not used before (each token is spent by its first attempt, right or
 * wrong, so answers cannot be tried one after another) and the number (in digits or words, Spanish or English) is
 * {@code a + b}.
 */
public final class Challenge {
    /** Why an answer is refused, or {@link #PASSED}. */
    public enum Verdict { PASSED, WRONG, EXPIRED, TOO_FAST, USED, INVALID }

    /** A question to show: its two numbers, and the token to send back with the answer. */
    public record Question(int a, int b, String token) {
        /** The question in {@code lang} (es or en), numbers in words. */
        public String text(String lang) {
            return "en".equals(lang)
                    ? "What is " + EN.get(a) + " plus " + EN.get(b) + "?"
                    : "¿Cuánto es " + ES.get(a) + " más " + ES.get(b) + "?";
        }
    }

    static final List<String> ES = List.of("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
            "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte");
    static final List<String> EN = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final UsedChallenges used;
    private final Duration lifetime;
    private final Duration minimumFill;
    private final Clock clock;

    Challenge(SecretKey key, UsedChallenges used, Duration lifetime, Duration minimumFill, Clock clock) {
        this.key = key;
        this.used = used;
        this.lifetime = lifetime;
        this.minimumFill = minimumFill;
        this.clock = clock;
    }

    /** A new question, issued now. */
    public Question ask() {
        int a = 2 + RANDOM.nextInt(8);
        int b = 2 + RANDOM.nextInt(8);
        String payload = SecretKey.randomToken(12) + "." + clock.instant().getEpochSecond() + "." + a + "." + b;
        return new Question(a, b, payload + "." + signature(payload));
    }

    /** The question a token carries (to ask it again in another language), or null if the token is not one of ours. */
    public Question question(String token) {
        String[] p = parts(token);
        return p == null ? null : new Question(Integer.parseInt(p[2]), Integer.parseInt(p[3]), token);
    }

    /** Checks {@code answer} to the question of {@code token}, spending the token whatever the verdict. */
    public Verdict check(String token, String answer) {
        String[] p = parts(token);
        if (p == null) return Verdict.INVALID;
        Instant issued = Instant.ofEpochSecond(Long.parseLong(p[1]));
        Instant now = clock.instant();
        if (now.isAfter(issued.plus(lifetime))) return Verdict.EXPIRED;
        if (!used.spend(p[0], issued.plus(lifetime))) return Verdict.USED;
        if (now.isBefore(issued.plus(minimumFill))) return Verdict.TOO_FAST;
        Integer n = number(answer);
        return n != null && n == Integer.parseInt(p[2]) + Integer.parseInt(p[3]) ? Verdict.PASSED : Verdict.WRONG;
    }

    /** The token's fields when its signature holds; null otherwise. */
    private String[] parts(String token) {
        if (token == null || token.length() > 200) return null;
        int last = token.lastIndexOf('.');
        if (last < 0) return null;
        String payload = token.substring(0, last);
        byte[] given = token.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, signature(payload).getBytes(StandardCharsets.US_ASCII))) return null;
        String[] p = payload.split("\\.");
        return p.length == 4 ? p : null;
    }

    private String signature(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign("challenge:" + payload));
    }

    /** A number in digits, or a word from zero to twenty in Spanish or English (accents and case ignored). */
    static Integer number(String answer) {
        if (answer == null) return null;
        String a = Normalizer.normalize(answer.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        if (a.matches("[0-9]{1,3}")) return Integer.parseInt(a);
        for (int i = 0; i < ES.size(); i++) {
            String es = Normalizer.normalize(ES.get(i), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            if (a.equals(es) || a.equals(EN.get(i))) return i;
        }
        return null;
    }
}
