package mx.zocalo.server.submissions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.PublishOutcome;
import mx.zocalo.server.store.Store;

/**
 * Citizens' submissions: tables anyone may send, after a {@link Challenge}, into a review queue in
 * {@code DATA/submissions/} that nothing public reads (not the store, the catalog, /sparql, search or the dumps). A
 * reviewer sees each with the {@link TablePreview} a publisher gets, and accepts it (a dataset folder published by the
 * same publisher as the command line) or rejects it with a message to the contact (written to the {@link Outbox}).
 *
 * <pre>{@code
 * Submissions s = Submissions.open(store, iris, dataDirectory, SubmissionLimits.defaults());
 * Challenge.Question q = s.ask();           // shown in the form
 * if (s.check(token, answer) == Challenge.Verdict.PASSED) s.receive(form, upload, name, address);
 * }</pre>
 */
public final class Submissions {
    /** The folder of the data directory submissions live in. */
    public static final String FOLDER = "submissions";
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SubmissionFolder folder;
    private final SecretKey key;
    private final Challenge challenge;
    private final AddressLimit addressLimit;
    private final SubmissionLimits limits;
    private final Outbox outbox;
    private final ReviewLog log;
    private final DatasetFolder datasets;
    private final Clock clock;
    private volatile TablePreview preview;
    private final Map<String, mx.zocalo.server.publish.UploadPreview.Model> previews = new ConcurrentHashMap<>();

    private Submissions(Store store, PortalIris iris, Path dataDirectory, SubmissionLimits limits, Clock clock) {
        Path root = dataDirectory.resolve(FOLDER);
        this.folder = new SubmissionFolder(root);
        this.key = SecretKey.in(root);
        this.challenge = new Challenge(key, new UsedChallenges(root, clock), limits.challengeLifetime(), limits.minimumFill(), clock);
        this.addressLimit = new AddressLimit(limits.perAddress(), limits.window(), clock);
        this.limits = limits;
        String host = URI.create(iris.base()).getHost();
        this.outbox = new Outbox(root, "no-reply@" + (host == null ? "localhost" : host));
        this.log = new ReviewLog(root);
        this.datasets = new DatasetFolder(store, iris, dataDirectory);
        this.clock = clock;
        this.preview = new AutoTablePreview(iris.base());
    }

    /** The submissions of {@code dataDirectory} (its {@code submissions/} folder, made if needed). */
    public static Submissions open(Store store, PortalIris iris, Path dataDirectory, SubmissionLimits limits) {
        return open(store, iris, dataDirectory, limits, Clock.systemUTC());
    }

    /** As {@link #open(Store, PortalIris, Path, SubmissionLimits)}, on {@code clock} (tests move it to expire challenges). */
    public static Submissions open(Store store, PortalIris iris, Path dataDirectory, SubmissionLimits limits, Clock clock) {
        return new Submissions(store, iris, dataDirectory, limits, clock);
    }

    /** Reads tables for reviewers with {@code p} instead of the converter's inference alone. */
    public void previewWith(TablePreview p) {
        this.preview = p;
        previews.clear();
    }

    /** Records every decision in {@code audit} too (the portal's audit log, shown to admins). */
    public void auditTo(mx.zocalo.server.accounts.AuditLog audit) {
        log.auditTo(audit);
    }

    public SubmissionLimits limits() {
        return limits;
    }

    public Challenge.Question ask() {
        return challenge.ask();
    }

    /** The question of a token sent back (to show it again), or null if the token is not genuine. */
    public Challenge.Question question(String token) {
        return challenge.question(token);
    }

    public Challenge.Verdict check(String token, String answer) {
        return challenge.check(token, answer);
    }

    /** Counts an attempt from {@code address}: 0 when allowed, otherwise the seconds to wait. */
    public long attempt(String address) {
        return addressLimit.attempt(key.addressHash(address));
    }

    /** Why a file is not taken. */
    public enum Refusal { EMPTY, TOO_LARGE, NOT_A_TABLE }

    /** A file that is not taken, and why. */
    public static final class Refused extends RuntimeException {
        private final Refusal reason;

        Refused(Refusal reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    /**
     * Puts a submission in the queue: {@code upload} (a temporary file, moved away on success) checked by size and by
     * content, kept under a safe name; the address kept only as its keyed hash.
     */
    public Submission receive(SubmissionForm form, Path upload, String uploadName, String address) {
        if (!form.problems().isEmpty()) throw new IllegalArgumentException("Fields to correct: " + form.problems());
        long bytes;
        TableFile.Kind kind;
        try {
            bytes = Files.size(upload);
            if (bytes == 0) throw new Refused(Refusal.EMPTY, "The file is empty");
            if (bytes > limits.maxBytes()) throw new Refused(Refusal.TOO_LARGE, "The file is larger than " + limits.maxBytes() + " bytes");
            kind = TableFile.kindOf(upload);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file", e);
        }
        if (kind == null) throw new Refused(Refusal.NOT_A_TABLE, "The file is not a CSV, XLSX or XLS table");
        String id;
        do {
            id = newId();
        } while (folder.read(id).isPresent());
        Submission s = new Submission(id, form.title(), form.description(), form.source(), form.contactName(), form.contactEmail(),
                TableFile.safeName(uploadName, kind), kind, bytes, now(), key.addressHash(address), Submission.Status.PENDING, null);
        folder.create(s, upload);
        return s;
    }

    private String newId() {
        StringBuilder b = new StringBuilder(DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(clock.instant())).append('-');
        for (int i = 0; i < 6; i++) b.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        return b.toString();
    }

    /** The queue, newest first: every submission, or those with {@code status} (null: all). */
    public List<Submission> queue(Submission.Status status) {
        return folder.all().stream().filter(s -> status == null || s.status() == status).toList();
    }

    public Optional<Submission> find(String id) {
        return folder.read(id);
    }

    /** The submitted file. */
    public Path file(Submission s) {
        return folder.file(s);
    }

    /** The table as a publisher would see it before publishing (read once per submission, then remembered). */
    public mx.zocalo.server.publish.UploadPreview.Model preview(Submission s) {
        return previews.computeIfAbsent(s.id(), id -> preview.read(folder.file(s), s.fileName().replaceAll("\\.[a-z]+$", ""), id, s.kind(),
                s.bytes()));
    }

    /** A decision that cannot be taken: the submission was decided already, or the slug is taken. */
    public static final class NotPending extends RuntimeException {
        NotPending(String message) {
            super(message);
        }
    }

    /**
     * Accepts a pending submission: publishes it as {@code a} says, then marks it accepted. A publish error (naming file,
     * row and column) is thrown and the submission stays pending.
     */
    public synchronized PublishOutcome accept(String id, Acceptance a, String reviewer) {
        Submission s = pending(id);
        if (!a.problems().isEmpty()) throw new IllegalArgumentException("Fields to correct: " + a.problems());
        if (datasets.taken(a.slug())) throw new NotPending("slug-taken");
        PublishOutcome outcome = datasets.publish(a, folder.file(s), s.kind(), reviewer,
                a.note().isEmpty() ? "Envío ciudadano " + id : a.note() + " (envío ciudadano " + id + ")");
        folder.update(s.decided(Submission.Status.ACCEPTED,
                new Submission.Decision(reviewer, now(), a.slug(), a.organisation(), a.note(), null)));
        log.record(reviewer, "accept", id, "published as " + a.slug() + " for " + a.organisation() + ": " + outcome.rows() + " rows");
        return outcome;
    }

    /** Rejects a pending submission: the message goes to the contact through the outbox; the submission is marked rejected. */
    public synchronized Submission reject(String id, String message, String reviewer) {
        Submission s = pending(id);
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) throw new IllegalArgumentException("A rejection needs a message to the contact");
        String body = """
                Hola, %1$s:

                Gracias por enviar «%2$s» (referencia %3$s). No lo publicaremos; el equipo de revisión le escribe:

                %4$s

                --
                Hello %1$s,

                Thank you for sending "%2$s" (reference %3$s). We will not publish it; the review team writes:

                %4$s
                """.formatted(s.contactName(), s.title(), s.id(), text);
        String file = outbox.write(s.id(), s.contactName(), s.contactEmail(),
                "Su envío " + s.id() + " / Your submission " + s.id(), body);
        Submission decided = s.decided(Submission.Status.REJECTED, new Submission.Decision(reviewer, now(), null, null, text, file));
        folder.update(decided);
        log.record(reviewer, "reject", id, "message to the contact in outbox/" + file);
        return decided;
    }

    /** The message written to the contact of a rejected submission, as it sits in the outbox (null once delivered). */
    public String outboxMessage(Submission s) {
        return s.decision() == null ? null : outbox.read(s.decision().outboxFile());
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private Submission pending(String id) {
        Submission s = folder.read(id).orElseThrow(() -> new java.util.NoSuchElementException("No submission " + id));
        if (!s.pending()) throw new NotPending("decided");
        return s;
    }
}
