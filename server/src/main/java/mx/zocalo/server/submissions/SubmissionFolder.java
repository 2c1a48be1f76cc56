package mx.zocalo.server.submissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The submissions on disk: {@code DATA/submissions/{id}/} holds the file under its safe name and
 * {@code submission.json} (the fields, the time, the status, the address hash). A new one is written in a hidden
 * folder and renamed into place, so the queue never lists half a submission; the JSON is replaced whole.
 */
final class SubmissionFolder {
    static final String JSON_FILE = "submission.json";
    /** A reference: the day it came and six letters or digits, e.g. {@code 20261204-K7Q2MZ}. */
    static final Pattern ID = Pattern.compile("[0-9]{8}-[A-Z0-9]{6}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path root;

    SubmissionFolder(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + root, e);
        }
    }

    Path root() {
        return root;
    }

    /** Keeps {@code s} with its file (moved from {@code upload}). */
    void create(Submission s, Path upload) {
        Path staged = root.resolve("." + s.id() + ".tmp");
        try {
            Files.createDirectories(staged);
            Files.move(upload, staged.resolve(s.fileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(staged.resolve(JSON_FILE), JSON.writeValueAsString(toJson(s)));
            Files.move(staged, root.resolve(s.id()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep submission " + s.id() + " in " + root, e);
        }
    }

    /** Rewrites the JSON of an existing submission (its new status and decision). */
    void update(Submission s) {
        Path folder = root.resolve(s.id());
        try {
            Path tmp = Files.createTempFile(folder, ".submission", ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(toJson(s)));
            Files.move(tmp, folder.resolve(JSON_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update submission " + s.id(), e);
        }
    }

    /** The submission {@code id}; empty for an unknown one or one that is not a reference at all. */
    Optional<Submission> read(String id) {
        if (id == null || !ID.matcher(id).matches()) return Optional.empty();
        Path json = root.resolve(id).resolve(JSON_FILE);
        if (!Files.isRegularFile(json)) return Optional.empty();
        try {
            return Optional.of(fromJson(JSON.readTree(json.toFile())));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read " + json + ": " + e.getMessage(), e);
        }
    }

    /** Every submission, newest first. */
    List<Submission> all() {
        List<Submission> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                read(p.getFileName().toString()).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        out.sort(Comparator.comparing(Submission::received).reversed().thenComparing(Submission::id));
        return out;
    }

    /** The file of {@code s}. */
    Path file(Submission s) {
        return root.resolve(s.id()).resolve(s.fileName());
    }

    private static ObjectNode toJson(Submission s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id()).put("title", s.title()).put("description", s.description()).put("source", s.source());
        o.putObject("contact").put("name", s.contactName()).put("email", s.contactEmail());
        o.putObject("file").put("name", s.fileName()).put("kind", s.kind().name()).put("bytes", s.bytes());
        o.put("received", s.received().toString()).put("addressHash", s.addressHash()).put("status", s.status().word());
        Submission.Decision d = s.decision();
        if (d != null) {
            ObjectNode n = o.putObject("decision");
            n.put("reviewer", d.reviewer()).put("at", d.at().toString()).put("slug", d.slug()).put("organisation", d.organisation())
                    .put("message", d.message()).put("outboxFile", d.outboxFile());
        }
        return o;
    }

    private static Submission fromJson(JsonNode o) {
        JsonNode d = o.path("decision");
        Submission.Decision decision = d.isObject()
                ? new Submission.Decision(text(d, "reviewer"), Instant.parse(text(d, "at")), text(d, "slug"), text(d, "organisation"),
                        text(d, "message"), text(d, "outboxFile"))
                : null;
        return new Submission(text(o, "id"), text(o, "title"), text(o, "description"), text(o, "source"),
                text(o.path("contact"), "name"), text(o.path("contact"), "email"), text(o.path("file"), "name"),
                TableFile.Kind.valueOf(text(o.path("file"), "kind")), o.path("file").path("bytes").asLong(),
                Instant.parse(text(o, "received")), text(o, "addressHash"), Submission.Status.parse(text(o, "status")), decision);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.path(field);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
