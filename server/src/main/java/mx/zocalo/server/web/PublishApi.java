package mx.zocalo.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mx.zocalo.server.accounts.Action;
import mx.zocalo.server.accounts.Principal;
import mx.zocalo.server.publish.Change;
import mx.zocalo.server.publish.DatasetYaml;
import mx.zocalo.server.publish.Upload;
import mx.zocalo.server.publish.UploadProblem;
import mx.zocalo.server.publish.WebPublication;

/**
 * Publishing by program: {@code POST /api/datasets} (multipart: {@code file} or {@code url}, {@code metadata} = the
 * dataset.yaml fields as JSON or YAML with its {@code slug}, optional {@code mapping}, {@code note}) → 201 with
 * {@code Location} and the publish report; {@code PUT /api/datasets/{slug}} → 200 with the report of the new version
 * (the file may be left out to change only the fields); {@code DELETE /api/datasets/{slug}} → 204, and 410 on the
 * dataset afterwards. Errors are {@code {error, file, row, column, field}}. Every request goes through
 * {@link Access#require} (a bearer token or a session with its CSRF token).
 */
final class PublishApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Access access;
    private final Upload uploads;
    private final WebPublication publication;
    private final mx.zocalo.server.accounts.AuditLog audit;

    PublishApi(Access access, Upload uploads, WebPublication publication, mx.zocalo.server.accounts.AuditLog audit) {
        this.audit = audit;
        this.access = access;
        this.uploads = uploads;
        this.publication = publication;
    }

    void register(JavalinConfig config) {
        config.routes.post("/api/datasets", this::create);
        config.routes.put("/api/datasets/{slug}", this::update);
        config.routes.delete("/api/datasets/{slug}", this::delete);
    }

    void create(Context ctx) throws IOException {
        answer(ctx, () -> {
            Multipart.checkLength(ctx, uploads.limits());
            // 401 without a user; 403 for one who may publish for no organisation (a reviewer)
            Principal who = access.require(ctx, Action.PUBLISH, access.who(ctx).map(Principal::organisation).orElse(null));
            ObjectNode metadata = metadata(ctx);
            String slug = metadata.path("slug").asText(null);
            String org = organisation(who, metadata);
            access.require(ctx, Action.PUBLISH, org);
            Optional<WebPublication.Existing> existing = publication.existing(checked(slug));
            if (existing.isPresent() && existing.get().live()) {
                throw new UploadProblem(409, "A dataset '" + slug + "' exists: PUT /api/datasets/" + slug + " publishes a new version", "slug");
            }
            if (existing.isPresent() && existing.get().organisation() != null && !existing.get().organisation().equals(org)) {
                access.require(ctx, Action.PUBLISH, existing.get().organisation());
            }
            Upload.Staged staged = upload(ctx, who, true);
            WebPublication.Report r = publish(ctx, who, slug, metadata, staged, org);
            audit.record(who.email(), "dataset.publish", slug, ctx.ip(), "API, " + r.rows() + " rows" + (org == null ? "" : ", " + org));
            ctx.status(201).header("Location", "/api/datasets/" + r.slug());
            return r;
        });
    }

    void update(Context ctx) throws IOException {
        answer(ctx, () -> {
            String slug = checked(ctx.pathParam("slug"));
            Multipart.checkLength(ctx, uploads.limits());
            Principal who = access.require(ctx, Action.PUBLISH, access.who(ctx).map(Principal::organisation).orElse(null));
            WebPublication.Existing existing = publication.existing(slug)
                    .orElseThrow(() -> new UploadProblem(404, "No dataset '" + slug + "': POST /api/datasets publishes a new one", "slug"));
            access.require(ctx, Action.UPDATE, existing.organisation());
            ObjectNode metadata = metadata(ctx);
            if (metadata.isEmpty()) metadata = publication.fields(slug).orElse(metadata);
            Upload.Staged staged = upload(ctx, who, false);
            WebPublication.Report r = publish(ctx, who, slug, metadata, staged, existing.organisation());
            audit.record(who.email(), "dataset.update", slug, ctx.ip(), "API, " + r.rows() + " rows");
            return r;
        });
    }

    void delete(Context ctx) throws IOException {
        answer(ctx, () -> {
            String slug = checked(ctx.pathParam("slug"));
            access.require(ctx, Action.UNPUBLISH, access.who(ctx).map(Principal::organisation).orElse(null));
            WebPublication.Existing existing = publication.existing(slug).filter(WebPublication.Existing::live)
                    .orElseThrow(() -> new UploadProblem(404, "No published dataset '" + slug + "'", "slug"));
            Principal by = access.require(ctx, Action.UNPUBLISH, existing.organisation());
            publication.unpublish(slug);
            audit.record(by.email(), "dataset.unpublish", slug, ctx.ip(), "API");
            ctx.status(204);
            return null;
        });
    }

    private WebPublication.Report publish(Context ctx, Principal who, String slug, ObjectNode metadata, Upload.Staged staged, String org) {
        String mapping = part(ctx, "mapping");
        try {
            return publication.publish(new WebPublication.Request(slug, metadata, staged,
                    mapping == null || mapping.isBlank() ? null : WebPublication.Mapping.of(mapping), org,
                    new Change(who.email(), part(ctx, "note"))));
        } finally {
            if (staged != null) uploads.remove(staged);
        }
    }

    /** The organisation a new dataset is for: an editor's own; an admin's choice in the fields (or none). */
    static String organisation(Principal who, ObjectNode metadata) {
        String given = metadata.path("organisation").asText(null);
        if (who.organisation() != null && (given == null || given.isBlank())) return who.organisation();
        return given == null || given.isBlank() ? null : given.strip();
    }

    private ObjectNode metadata(Context ctx) {
        ObjectNode m = DatasetYaml.parse(part(ctx, "metadata"));
        DatasetYaml.check(m);
        return m;
    }

    /** The uploaded {@code file} part, or the {@code url} part fetched; null when neither (refused if {@code required}). */
    private Upload.Staged upload(Context ctx, Principal who, boolean required) {
        UploadedFile file = Multipart.file(ctx, uploads.limits(), "file");
        String url = part(ctx, "url");
        if (file == null && (url == null || url.isBlank())) {
            if (required) throw new UploadProblem(400, "Send the table as the multipart part 'file', or a link to it as 'url'", "file");
            return null;
        }
        uploads.countUpload(who.email());
        if (file != null) {
            InputStream in = file.content();
            return uploads.stage(in, file.filename(), who.email());
        }
        return uploads.fetch(url, who.email());
    }

    private String part(Context ctx, String name) {
        return Multipart.text(ctx, uploads.limits(), name);
    }

    private static String checked(String slug) {
        if (slug == null || !WebPublication.SLUG.matcher(slug).matches()) {
            throw new UploadProblem(422, "The slug is lowercase letters, digits and hyphens (up to 80), not '" + slug + "'", "slug");
        }
        return slug;
    }

    interface Work {
        Object run();
    }

    /** Runs {@code work}, sending its result as JSON, or its problem as {@code {error, file, row, column, field}}. */
    private static void answer(Context ctx, Work work) throws IOException {
        Object result;
        try {
            result = work.run();
        } catch (UploadProblem p) {
            ctx.status(p.status()).contentType("application/json");
            if (p.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(p.retryAfterSeconds()));
            ctx.result(JSON.writeValueAsBytes(problem(p)));
            return;
        }
        if (result != null) ctx.contentType("application/json").result(JSON.writeValueAsString(result).getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode problem(UploadProblem p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", p.getMessage());
        n.put("status", p.status());
        if (p.file() != null) n.put("file", p.file());
        if (p.row() > 0) n.put("row", p.row());
        if (p.column() != null) n.put("column", p.column());
        if (p.field() != null) n.put("field", p.field());
        return n;
    }
}
