package mx.zocalo.server.submissions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Messages to contacts, as RFC 5322 files in {@code DATA/submissions/outbox/} ({@code {id}-{n}.eml}): the portal has no
 * mail server and sends nothing itself. An office delivers them with whatever relay it has, e.g. a cron job running
 * {@code sendmail -t < FILE} for each file and moving it to {@code sent/} (see README, "Citizen submissions").
 * Header values have line breaks removed (no header injection) and non-ASCII text is encoded (RFC 2047 words in headers,
 * base64 UTF-8 body).
 */
final class Outbox {
    static final String FOLDER = "outbox";
    private final Path folder;
    private final String from;

    /** An outbox in {@code submissions/outbox}, writing messages from {@code from} (an address, e.g. no-reply@datos.example.mx). */
    Outbox(Path submissions, String from) {
        this.folder = submissions.resolve(FOLDER);
        this.from = from;
    }

    Path folder() {
        return folder;
    }

    /** Writes a message to {@code name <email>} and returns its file's name. */
    String write(String id, String toName, String toEmail, String subject, String body) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String host = from.substring(from.indexOf('@') + 1);
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(mailbox("Zócalo", from)).append("\r\n");
        m.append("To: ").append(mailbox(toName, toEmail)).append("\r\n");
        m.append("Subject: ").append(word(subject)).append("\r\n");
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now)).append("\r\n");
        m.append("Message-ID: <").append(id).append('.').append(SecretKey.randomToken(9)).append('@').append(host).append(">\r\n");
        m.append("X-Zocalo-Submission: ").append(id).append("\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: text/plain; charset=UTF-8\r\n");
        m.append("Content-Transfer-Encoding: base64\r\n\r\n");
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(body.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        m.append(encoded).append("\r\n");
        try {
            Files.createDirectories(folder);
            String name;
            Path target;
            int n = 1;
            do {
                name = id + "-" + n++ + ".eml";
                target = folder.resolve(name);
            } while (Files.exists(target));
            Path tmp = Files.createTempFile(folder, ".message", ".tmp");
            Files.writeString(tmp, m, StandardCharsets.US_ASCII);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a message to " + folder, e);
        }
    }

    /** The text of a message in the outbox (for the submission's page); null when it is gone (delivered and moved). */
    String read(String name) {
        if (name == null || !name.matches("[0-9A-Z-]+\\.eml")) return null;
        Path p = folder.resolve(name);
        try {
            return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.US_ASCII) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + p, e);
        }
    }

    /** {@code "name" <address>}, the name encoded when not plain ASCII. */
    static String mailbox(String name, String address) {
        String a = oneLine(address).replaceAll("[<>\"\\s]", "");
        String n = name == null ? "" : oneLine(name);
        if (n.isBlank()) return "<" + a + ">";
        return (ascii(n) ? "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : word(n)) + " <" + a + ">";
    }

    /** A header value: as is when printable ASCII, else an RFC 2047 encoded word (base64 UTF-8). */
    static String word(String text) {
        String t = oneLine(text);
        if (ascii(t)) return t;
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(t.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\u0000-\\u001F\\u007F]+", " ").strip();
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }
}
