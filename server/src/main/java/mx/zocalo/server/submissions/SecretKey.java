package mx.zocalo.server.submissions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The submissions' own secret: 32 random bytes in {@code DATA/submissions/secret.key} (readable by its owner only),
 * made the first time and kept across restarts. It signs the challenges (HMAC-SHA256) and keys the hash that stands for
 * a visitor's address, so neither can be forged nor the address recovered by hashing every possible one.
 */
final class SecretKey {
    static final String FILE = "secret.key";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;

    private SecretKey(byte[] key) {
        this.key = key;
    }

    /** The key of {@code folder}, made now if it has none. */
    static SecretKey in(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            Files.createDirectories(folder);
            if (!Files.isRegularFile(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                mx.zocalo.server.store.PrivateFiles.writeIfAbsent(file, fresh); // a concurrent start keeps the first key
            }
            byte[] k = Files.readAllBytes(file);
            if (k.length < 32) throw new IllegalStateException(file + " is shorter than 32 bytes: delete it to make a new one");
            return new SecretKey(k);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make " + file, e);
        }
    }

    /** HMAC-SHA256 of {@code text} under this key. */
    byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No HmacSHA256 in this Java", e);
        }
    }

    /** What stands for a visitor's address in files and limits: a keyed hash, 16 bytes in hex. */
    String addressHash(String address) {
        return HexFormat.of().formatHex(sign("address:" + address), 0, 16);
    }

    static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
