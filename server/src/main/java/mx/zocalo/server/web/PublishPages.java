package mx.zocalo.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.accounts.Action;
import mx.zocalo.server.accounts.Principal;
import mx.zocalo.server.catalog.MetadataQuality;
import mx.zocalo.server.publish.Change;
import mx.zocalo.server.publish.Upload;
import mx.zocalo.server.publish.UploadPreview;
import mx.zocalo.server.publish.UploadProblem;
import mx.zocalo.server.publish.WebPublication;

/**
 * The publishing pages, for signed-in editors and admins: {@code /publish} (1: upload a file or a link; 2: what the
 * portal read, with corrections and a mapping; 3: the fields in Spanish and English, with the metadata-quality score
 * as they are filled; 4: publish, then the report or the error), {@code /dataset/{slug}/edit} (a new version: a new
 * file and/or fields, a change note) and the unpublish form. Every action goes through {@link Access#require}; every
 * form carries the CSRF token.
 */
final class PublishPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Access access;
    private final Upload uploads;
    private final WebPublication publication;
    private final UploadPreview preview;
    private final Templates templates;
    private final mx.zocalo.server.accounts.AuditLog audit;

    PublishPages(Access access, Upload uploads, WebPublication publication, UploadPreview preview, Templates templates,
            mx.zocalo.server.accounts.AuditLog audit) {
        this.audit = audit;
        this.access = access;
        this.uploads = uploads;
        this.publication = publication;
        this.preview = preview;
        this.templates = templates;
    }

    void register(JavalinConfig config) {
        config.routes.get("/publish", this::start);
        config.routes.post("/publish", this::upload);
        config.routes.get("/publish/{id}", this::read);
        config.routes.post("/publish/{id}/mapping", this::attachMapping);
        config.routes.get("/publish/{id}/metadata", this::metadata);
        config.routes.post("/publish/{id}/score", this::score);
        config.routes.post("/publish/{id}/publish", this::publish);
        config.routes.get("/dataset/{slug}/edit", this::edit);
        config.routes.post("/dataset/{slug}/edit", this::update);
        config.routes.post("/dataset/{slug}/unpublish", this::unpublish);
    }

    /** 401 anonymous, 403 for a user who may publish for no organisation. */
    private Principal publisher(Context ctx) {
        return access.require(ctx, Action.PUBLISH, access.who(ctx).map(Principal::organisation).orElse(null));
    }

    /** A GET page asked by an anonymous browser: to the sign-in form (a program gets the 401). */
    private boolean toSignIn(Context ctx) {
        if (access.who(ctx).isPresent() || ctx.header("Authorization") != null) return false;
        ctx.redirect("/login?next=" + ctx.path(), io.javalin.http.HttpStatus.SEE_OTHER);
        return true;
    }

    void start(Context ctx) {
        if (toSignIn(ctx)) return;
        Principal who = publisher(ctx);
        render(ctx, "publish-upload", model(ctx, who, 1));
    }

    void upload(Context ctx) {
        Principal who;
        try {
            Multipart.checkLength(ctx, uploads.limits()); // before the door reads the form's CSRF field from the body
        } catch (UploadProblem p) {
            ctx.status(413).result(p.getMessage());
            return;
        }
        who = publisher(ctx);
        try {
            UploadedFile file = Multipart.file(ctx, uploads.limits(), "file");
            String url = Multipart.text(ctx, uploads.limits(), "url");
            if (file == null && (url == null || url.isBlank())) throw new UploadProblem(400, msg(ctx, "publish.error.nofile"), "file");
            uploads.countUpload(who.email());
            Upload.Staged staged;
            if (file != null) {
                InputStream in = file.content();
                staged = uploads.stage(in, file.filename(), who.email());
            } else {
                staged = uploads.fetch(url, who.email());
            }
            ctx.redirect("/publish/" + staged.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (UploadProblem p) {
            Map<String, Object> model = model(ctx, who, 1);
            problem(ctx, model, p);
            render(ctx, "publish-upload", model);
        }
    }

    void read(Context ctx) {
        if (toSignIn(ctx)) return;
        Principal who = publisher(ctx);
        Upload.Staged staged = staged(ctx, who);
        Map<String, Object> model = model(ctx, who, 2);
        UploadPreview.Corrections c = corrections(ctx);
        model.put("upload", staged);
        UploadPreview.Model p = preview.of(staged, c, uploads.mapping(staged).orElse(null), null);
        model.put("p", p);
        model.put("types", UploadPreview.TYPES);
        model.put("corrections", c);
        model.put("query", query(new UploadPreview.Corrections(c.headerRow(), c.sheet(), c.idColumn(), UploadPreview.parseColumns(p.columnsJson()))));
        render(ctx, "publish-read", model);
    }

    void attachMapping(Context ctx) throws IOException {
        Principal who = publisher(ctx);
        Upload.Staged staged = staged(ctx, who);
        String text = Multipart.text(ctx, uploads.limits(), "mapping");
        Files.deleteIfExists(staged.folder().resolve(Upload.MAPPING_YAML));
        Files.deleteIfExists(staged.folder().resolve(Upload.MAPPING_RML));
        if (text != null && !text.isBlank()) {
            WebPublication.Mapping m = WebPublication.Mapping.of(text);
            Files.writeString(staged.folder().resolve(m.yaml() ? Upload.MAPPING_YAML : Upload.MAPPING_RML), text, StandardCharsets.UTF_8);
        }
        ctx.redirect("/publish/" + staged.id() + query(corrections(ctx)) + "#mapping", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    void metadata(Context ctx) {
        if (toSignIn(ctx)) return;
        Principal who = publisher(ctx);
        Upload.Staged staged = staged(ctx, who);
        Map<String, Object> model = model(ctx, who, 3);
        UploadPreview.Corrections c = corrections(ctx);
        Map<String, Object> values = PublishForm.values(JSON.createObjectNode());
        values.put("headerRow", c.headerRow() == null ? "" : c.headerRow().toString());
        values.put("sheet", c.sheet() == null ? "" : c.sheet());
        values.put("idColumn", c.idColumn() == null ? "" : c.idColumn());
        values.put("columns", UploadPreview.columnsJson(c.columns()));
        values.put("slug", suggestSlug(staged));
        if (who.organisation() != null) values.put("organisation", who.organisation());
        model.put("upload", staged);
        model.put("v", values);
        model.put("action", "/publish/" + staged.id() + "/publish");
        model.put("scoreUrl", "/publish/" + staged.id() + "/score");
        model.put("score", scoreOf(PublishForm.metadata(k -> (String) null, List.of()), staged.file(), who.organisation()));
        render(ctx, "publish-metadata", model);
    }

    /** The score of the fields as filled so far (JSON, for /static/publish.js). */
    void score(Context ctx) throws IOException {
        Principal who = publisher(ctx);
        Upload.Staged staged = staged(ctx, who);
        ObjectNode fields = PublishForm.metadata(ctx);
        MetadataQuality.Score s = scoreOf(fields, staged.file(), PublishApi.organisation(who, fields));
        String lang = PageLanguage.of(ctx);
        Map<String, String> msg = templates.messages(lang);
        ObjectNode n = JSON.createObjectNode();
        if (s == null) {
            n.put("error", true);
        } else {
            n.put("total", s.total()).put("max", s.max()).put("percent", s.percent()).put("rating", msg.getOrDefault(s.rating(), s.rating()));
            var missing = n.putArray("missing");
            s.missing().forEach(c -> missing.add(msg.getOrDefault(c.key(), c.key())));
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(n));
    }

    void publish(Context ctx) {
        Principal who = publisher(ctx);
        Upload.Staged staged = staged(ctx, who);
        ObjectNode m = PublishForm.metadata(ctx);
        String slug = ctx.formParam("slug");
        String org = PublishApi.organisation(who, m);
        m.remove("organisation");
        try {
            access.require(ctx, Action.PUBLISH, org);
            var existing = publication.existing(checkSlug(slug));
            if (existing.isPresent() && existing.get().live()) throw new UploadProblem(409, msg(ctx, "publish.error.exists"), "slug");
            if (existing.isPresent() && existing.get().organisation() != null) access.require(ctx, Action.PUBLISH, existing.get().organisation());
            String mapping = uploads.mapping(staged).map(PublishPages::readString).orElse(null);
            WebPublication.Report r = publication.publish(new WebPublication.Request(slug, m, staged,
                    mapping == null ? null : WebPublication.Mapping.of(mapping), org, new Change(who.email(), ctx.formParam("note"))));
            uploads.remove(staged);
            audit.record(who.email(), "dataset.publish", slug, ctx.ip(), "web, " + r.rows() + " rows" + (org == null ? "" : ", " + org));
            report(ctx, who, r);
        } catch (UploadProblem p) {
            Map<String, Object> model = model(ctx, who, 3);
            Map<String, Object> values = PublishForm.values(m);
            values.put("slug", slug == null ? "" : slug);
            values.put("organisation", org == null ? "" : org);
            model.put("upload", staged);
            model.put("v", values);
            model.put("action", "/publish/" + staged.id() + "/publish");
            model.put("scoreUrl", "/publish/" + staged.id() + "/score");
            model.put("score", scoreOf(m, staged.file(), org));
            problem(ctx, model, p);
            render(ctx, "publish-metadata", model);
        }
    }

    void edit(Context ctx) {
        if (toSignIn(ctx)) return;
        publisher(ctx); // 401 anonymous, 403 a reviewer, before saying whether the dataset exists
        String slug = checkSlug(ctx.pathParam("slug"));
        WebPublication.Existing existing = publication.existing(slug).filter(WebPublication.Existing::live)
                .orElseThrow(() -> new NotFoundResponse("No dataset " + slug));
        Principal who = access.require(ctx, Action.UPDATE, existing.organisation());
        Map<String, Object> model = model(ctx, who, 0);
        Map<String, Object> values = PublishForm.values(publication.fields(slug).orElse(JSON.createObjectNode()));
        values.put("slug", slug);
        model.put("v", values);
        model.put("slug", slug);
        model.put("fromWeb", publication.fields(slug).isPresent());
        model.put("action", "/dataset/" + slug + "/edit");
        render(ctx, "publish-edit", model);
    }

    void update(Context ctx) {
        Multipart.checkLength(ctx, uploads.limits()); // before the door reads the form's CSRF field from the body
        publisher(ctx);
        String slug = checkSlug(ctx.pathParam("slug"));
        WebPublication.Existing existing = publication.existing(slug).filter(WebPublication.Existing::live)
                .orElseThrow(() -> new NotFoundResponse("No dataset " + slug));
        Principal who = access.require(ctx, Action.UPDATE, existing.organisation());
        Upload.Staged staged = null;
        ObjectNode m = PublishForm.metadata(ctx);
        m.remove("organisation");
        try {
            UploadedFile file = Multipart.file(ctx, uploads.limits(), "file");
            if (file != null) {
                uploads.countUpload(who.email());
                staged = uploads.stage(file.content(), file.filename(), who.email());
            }
            WebPublication.Report r = publication.publish(new WebPublication.Request(slug, m, staged, null, existing.organisation(),
                    new Change(who.email(), Multipart.text(ctx, uploads.limits(), "note"))));
            audit.record(who.email(), "dataset.update", slug, ctx.ip(), "web, " + r.rows() + " rows");
            report(ctx, who, r);
        } catch (UploadProblem p) {
            Map<String, Object> model = model(ctx, who, 0);
            Map<String, Object> values = PublishForm.values(m);
            values.put("slug", slug);
            model.put("v", values);
            model.put("slug", slug);
            model.put("fromWeb", publication.fields(slug).isPresent());
            model.put("action", "/dataset/" + slug + "/edit");
            problem(ctx, model, p);
            render(ctx, "publish-edit", model);
        } finally {
            if (staged != null) uploads.remove(staged);
        }
    }

    void unpublish(Context ctx) {
        publisher(ctx); // 401 anonymous, 403 a reviewer, before saying whether the dataset exists
        String slug = checkSlug(ctx.pathParam("slug"));
        WebPublication.Existing existing = publication.existing(slug).filter(WebPublication.Existing::live)
                .orElseThrow(() -> new NotFoundResponse("No dataset " + slug));
        Principal by = access.require(ctx, Action.UNPUBLISH, existing.organisation());
        if (!"yes".equals(ctx.formParam("confirm"))) {
            ctx.redirect("/dataset/" + slug + "/edit?confirm=missing#unpublish", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        publication.unpublish(slug);
        audit.record(by.email(), "dataset.unpublish", slug, ctx.ip(), "web");
        ctx.redirect("/dataset/" + slug, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void report(Context ctx, Principal who, WebPublication.Report r) {
        Map<String, Object> model = model(ctx, who, 4);
        model.put("r", r);
        model.put("link", "/dataset/" + r.slug());
        render(ctx, "publish-report", model);
    }

    /** The score of the fields {@code m}, the publisher being the organisation when they name none (as when published). */
    private MetadataQuality.Score scoreOf(ObjectNode m, Path file, String organisation) {
        try {
            ObjectNode copy = m.deepCopy();
            if (!copy.has("publisher") && organisation != null) copy.putObject("publisher").put("name", organisation);
            copy.remove("organisation");
            copy.remove("source");
            if (!copy.has("title")) copy.putObject("title").put("es", "-");
            return publication.score(copy, null, file);
        } catch (UploadProblem e) {
            return null;
        }
    }

    private Upload.Staged staged(Context ctx, Principal who) {
        return uploads.find(ctx.pathParam("id"), who.email()).orElseThrow(() -> new NotFoundResponse("No such upload (it may have expired)"));
    }

    private static UploadPreview.Corrections corrections(Context ctx) {
        String h = ctx.queryParam("headerRow");
        if (h == null) h = ctx.formParam("headerRow");
        Integer header = h != null && h.strip().matches("[1-9][0-9]{0,5}") ? Integer.valueOf(h.strip()) : null;
        String sheet = blank(ctx.queryParam("sheet") != null ? ctx.queryParam("sheet") : ctx.formParam("sheet"));
        String id = blank(ctx.queryParam("idColumn") != null ? ctx.queryParam("idColumn") : ctx.formParam("idColumn"));
        return new UploadPreview.Corrections(header, sheet, id, columns(ctx));
    }

    /**
     * The column corrections: the step 2 form's fields per column ({@code ctitle}, {@code ctype}, {@code ces},
     * {@code cen}, in column order), else the {@code columns} JSON carried on to the next steps.
     */
    private static Map<String, mx.zocalo.converter.auto.ColumnOverride> columns(Context ctx) {
        List<String> titles = ctx.queryParams("ctitle");
        if (titles.isEmpty()) {
            String json = ctx.queryParam("columns") != null ? ctx.queryParam("columns") : ctx.formParam("columns");
            return UploadPreview.parseColumns(json);
        }
        List<String> types = ctx.queryParams("ctype");
        List<String> es = ctx.queryParams("ces");
        List<String> en = ctx.queryParams("cen");
        Map<String, mx.zocalo.converter.auto.ColumnOverride> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < titles.size(); i++) {
            out.put(titles.get(i), new mx.zocalo.converter.auto.ColumnOverride(
                    mx.zocalo.converter.auto.ColumnType.of(i < types.size() ? types.get(i) : null),
                    i < es.size() ? es.get(i) : null, i < en.size() ? en.get(i) : null));
        }
        return out;
    }

    static String query(UploadPreview.Corrections c) {
        StringBuilder b = new StringBuilder();
        if (c.headerRow() != null) b.append("&headerRow=").append(c.headerRow());
        if (c.sheet() != null) b.append("&sheet=").append(java.net.URLEncoder.encode(c.sheet(), StandardCharsets.UTF_8));
        if (c.idColumn() != null) b.append("&idColumn=").append(java.net.URLEncoder.encode(c.idColumn(), StandardCharsets.UTF_8));
        if (!c.columns().isEmpty()) {
            b.append("&columns=").append(java.net.URLEncoder.encode(UploadPreview.columnsJson(c.columns()), StandardCharsets.UTF_8));
        }
        return b.isEmpty() ? "" : "?" + b.substring(1);
    }

    private static String suggestSlug(Upload.Staged s) {
        String name = s.file().getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String slug = stem.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 60 ? slug.substring(0, 60).replaceAll("-+$", "") : slug;
    }

    private static String checkSlug(String slug) {
        if (slug == null || !WebPublication.SLUG.matcher(slug).matches()) {
            throw new UploadProblem(422, "The identifier (slug) is lowercase letters, digits and hyphens, not '" + slug + "'", "slug");
        }
        return slug;
    }

    private Map<String, Object> model(Context ctx, Principal who, int step) {
        String lang = PageLanguage.of(ctx);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("step", step);
        model.put("who", who);
        model.put("csrf", access.csrfToken(ctx));
        model.put("themes", PublishForm.THEMES);
        model.put("periodicities", PublishForm.PERIODICITIES);
        model.put("licenses", PublishForm.LICENSES);
        model.put("maxMb", uploads.limits().maxBytes() >> 20);
        model.put("admin", who.admin());
        return model;
    }

    private void problem(Context ctx, Map<String, Object> model, UploadProblem p) {
        ctx.status(p.status());
        if (p.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(p.retryAfterSeconds()));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", p.getMessage());
        e.put("file", p.file());
        e.put("row", p.row() > 0 ? p.row() : null);
        e.put("column", p.column());
        e.put("field", p.field());
        model.put("problem", e);
    }

    private void render(Context ctx, String template, Map<String, Object> model) {
        String lang = (String) model.getOrDefault("lang", PageLanguage.of(ctx));
        ctx.header("Cache-Control", "no-store");
        Templates.send(ctx, templates.render(template, PageLanguage.of(ctx), model));
    }

    private String msg(Context ctx, String key) {
        return templates.messages(PageLanguage.of(ctx)).getOrDefault(key, key);
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
