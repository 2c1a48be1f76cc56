package mx.zocalo.server.submissions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every review decision is recorded: who accepted or rejected which submission, when, and what became
 * of it, one JSON line each in {@code DATA/submissions/review-log.jsonl}, in the portal's audit log
 * ({@link mx.zocalo.server.accounts.AuditLog}, actions {@code submission.accept} and {@code submission.reject}) and the
 * {@code zocalo.review} log.
 */
final class ReviewLog {
    static final String FILE = "review-log.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.review");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private volatile mx.zocalo.server.accounts.AuditLog audit = mx.zocalo.server.accounts.AuditLog.none();

    ReviewLog(Path submissions) {
        this.file = submissions.resolve(FILE);
    }

    /** Records decisions in the portal's audit log too (the accounts database's; the admin page shows it). */
    void auditTo(mx.zocalo.server.accounts.AuditLog log) {
        this.audit = log;
    }

    synchronized void record(String reviewer, String action, String submission, String detail) {
        audit.record(reviewer, "submission." + action, submission, detail);
        ObjectNode o = JSON.createObjectNode().put("at", Instant.now().toString()).put("by", reviewer).put("action", action)
                .put("submission", submission).put("detail", detail);
        try {
            Files.writeString(file, JSON.writeValueAsString(o) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        LOG.info("{} {} submission {}: {}", reviewer, action, submission, detail);
    }
}
