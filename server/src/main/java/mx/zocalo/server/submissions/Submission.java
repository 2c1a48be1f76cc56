package mx.zocalo.server.submissions;

import java.time.Instant;
import java.util.Objects;

/**
 * A table a visitor sent for review, as kept in {@code DATA/submissions/{id}/submission.json}: what they typed, the file
 * (its sanitised name, its kind read from its bytes, its size), when it came, a keyed hash of the address it came from
 * (never the address itself), and where the review stands.
 */
public record Submission(String id, String title, String description, String source, String contactName, String contactEmail,
        String fileName, TableFile.Kind kind, long bytes, Instant received, String addressHash, Status status, Decision decision) {

    /** Where a submission stands: waiting in the queue, accepted (published), or rejected with a message. */
    public enum Status {
        PENDING, ACCEPTED, REJECTED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The status named {@code word}, or null for none or an unknown one. */
        public static Status parse(String word) {
            for (Status s : values()) {
                if (s.word().equals(word)) return s;
            }
            return null;
        }
    }

    /**
     * What a reviewer decided: who, when, and either the dataset it became (its slug and organisation) or the message sent
     * to the contact (and the outbox file holding it).
     */
    public record Decision(String reviewer, Instant at, String slug, String organisation, String message, String outboxFile) {}

    public Submission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** This submission with a reviewer's decision. */
    Submission decided(Status to, Decision d) {
        return new Submission(id, title, description, source, contactName, contactEmail, fileName, kind, bytes, received, addressHash,
                to, d);
    }

    public boolean pending() {
        return status == Status.PENDING;
    }
}
