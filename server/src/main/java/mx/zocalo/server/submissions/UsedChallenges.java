package mx.zocalo.server.submissions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The challenge tokens already spent, until they would have expired anyway: in memory and in
 * {@code DATA/submissions/used-challenges} (one {@code nonce expiry} line each), so a restart does not make a spent
 * token good again. Expired lines are dropped when the file is read and when it grows.
 */
final class UsedChallenges {
    static final String FILE = "used-challenges";
    private static final int REWRITE_EVERY = 1000;
    private final Path file;
    private final Clock clock;
    private final Map<String, Instant> spent = new HashMap<>();
    private int appended;

    UsedChallenges(Path folder, Clock clock) {
        this.file = folder.resolve(FILE);
        this.clock = clock;
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] p = line.split(" ");
                    if (p.length == 2) spent.put(p[0], Instant.ofEpochSecond(Long.parseLong(p[1])));
                }
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
            }
            rewrite();
        }
    }

    /** Spends {@code nonce}: true the first time, false if it was spent before. */
    synchronized boolean spend(String nonce, Instant expires) {
        if (spent.containsKey(nonce)) return false;
        spent.put(nonce, expires);
        try {
            Files.writeString(file, nonce + " " + expires.getEpochSecond() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        if (++appended >= REWRITE_EVERY) rewrite();
        return true;
    }

    private synchronized void rewrite() {
        Instant now = clock.instant();
        spent.values().removeIf(expiry -> expiry.isBefore(now));
        StringBuilder text = new StringBuilder();
        spent.forEach((nonce, expiry) -> text.append(nonce).append(' ').append(expiry.getEpochSecond()).append('\n'));
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".used", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        appended = 0;
    }
}
