package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mx.zocalo.server.accounts.Action;
import mx.zocalo.server.accounts.Principal;
import mx.zocalo.server.accounts.Users;
import mx.zocalo.server.publish.PublishOutcome;
import mx.zocalo.server.submissions.Acceptance;
import mx.zocalo.server.submissions.Submission;
import mx.zocalo.server.submissions.Submissions;

/**
 * {@code /review}: the queue of citizens' submissions and each one's page (its fields, its file, the preview a publisher
 * gets, and the forms to accept or reject it), for reviewers and admins only: every handler first asks
 * {@link Access#require} for {@link Action#REVIEW} (401 anonymous, 403 others; the CSRF token of the forms).
 */
final class ReviewPages {
    static final String DEFAULT_LICENSE = "https://datos.gob.mx/libreusomx";
    private final Submissions submissions;
    private final Templates templates;
    private final Access access;
    private final java.util.function.Supplier<List<Users.Organisation>> organisations;

    /** {@code organisations}: those of the accounts database (a choice), or none (a slug typed in). */
    ReviewPages(Submissions submissions, Templates templates, Access access, java.util.function.Supplier<List<Users.Organisation>> organisations) {
        this.submissions = submissions;
        this.templates = templates;
        this.access = access;
        this.organisations = organisations;
    }

    void queue(Context ctx) {
        access.require(ctx, Action.REVIEW, null);
        String lang = PageLanguage.of(ctx);
        String asked = ctx.queryParam("status");
        Submission.Status status = asked == null ? Submission.Status.PENDING : Submission.Status.parse(asked);
        if (asked != null && status == null && !"all".equals(asked)) {
            throw new HttpResponseException(400, "status is pending, accepted, rejected or all, not '" + asked + "'");
        }
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("submissions", submissions.queue(status));
        model.put("status", status == null ? "all" : status.word());
        model.put("statuses", List.of("pending", "accepted", "rejected", "all"));
        send(ctx, lang, 200, "review-queue", model);
    }

    void submission(Context ctx) {
        Principal who = access.require(ctx, Action.REVIEW, null);
        String lang = PageLanguage.of(ctx);
        Submission s = find(ctx);
        render(ctx, lang, 200, s, prefilled(s), List.of(), null, "", who);
    }

    void file(Context ctx) {
        access.require(ctx, Action.REVIEW, null);
        Submission s = find(ctx);
        ctx.contentType(s.kind().mediaType()).header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"" + s.fileName() + "\"");
        try (InputStream in = Files.newInputStream(submissions.file(s))) {
            in.transferTo(ctx.outputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void accept(Context ctx) {
        Principal who = access.require(ctx, Action.REVIEW, null);
        String lang = PageLanguage.peek(ctx);
        Submission s = find(ctx);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String f : List.of("slug", "organisation", "publisher", "titleEs", "titleEn", "descriptionEs", "descriptionEn", "license",
                "keywords", "contactName", "contactEmail", "provenance", "note")) {
            fields.put(f, ctx.formParam(f) == null ? "" : ctx.formParam(f));
        }
        List<Users.Organisation> known = organisations.get();
        Users.Organisation chosen = known.stream().filter(o -> o.slug().equals(fields.get("organisation").strip())).findFirst().orElse(null);
        if (chosen != null && fields.get("publisher").isBlank()) fields.put("publisher", chosen.name()); // the organisation publishes
        Acceptance a = new Acceptance(fields.get("slug"), fields.get("organisation"), fields.get("publisher"), fields.get("titleEs"),
                fields.get("titleEn"), fields.get("descriptionEs"), fields.get("descriptionEn"), fields.get("license"),
                Acceptance.keywords(fields.get("keywords")), fields.get("contactName"), fields.get("contactEmail"),
                fields.get("provenance"), fields.get("note"));
        if (!s.pending()) {
            render(ctx, lang, 409, s, fields, List.of(), "review.error.decided", "", who);
            return;
        }
        List<String> problems = new java.util.ArrayList<>(a.problems());
        if (!known.isEmpty() && chosen == null && !problems.contains("organisation")) problems.add("organisation");
        if (!problems.isEmpty()) {
            render(ctx, lang, 400, s, fields, problems, "review.error.fields", "", who);
            return;
        }
        try {
            PublishOutcome outcome = submissions.accept(s.id(), a, who.email());
            ctx.redirect("/review/" + s.id() + "?published=" + outcome.rows(), HttpStatus.SEE_OTHER);
        } catch (Submissions.NotPending e) {
            render(ctx, lang, 409, s, fields, "slug-taken".equals(e.getMessage()) ? List.of("slug") : List.of(),
                    "slug-taken".equals(e.getMessage()) ? "review.error.slug-taken" : "review.error.decided", "", who);
        } catch (RuntimeException e) {
            // a publish error: the store is as it was, the submission stays pending; say where (file, row, column)
            ctx.attribute("publishError", e.getMessage());
            render(ctx, lang, 422, s, fields, List.of(), "review.error.publish", "", who);
        }
    }

    void reject(Context ctx) {
        Principal who = access.require(ctx, Action.REVIEW, null);
        String lang = PageLanguage.peek(ctx);
        Submission s = find(ctx);
        String message = ctx.formParam("message") == null ? "" : ctx.formParam("message").strip();
        if (!s.pending()) {
            render(ctx, lang, 409, s, prefilled(s), List.of(), "review.error.decided", message, who);
            return;
        }
        if (message.isEmpty() || message.length() > 5000) {
            render(ctx, lang, 400, s, prefilled(s), List.of("message"), "review.error.message", message, who);
            return;
        }
        submissions.reject(s.id(), message, who.email());
        ctx.redirect("/review/" + s.id(), HttpStatus.SEE_OTHER);
    }

    private Submission find(Context ctx) {
        String id = ctx.pathParam("id");
        return submissions.find(id).orElseThrow(() -> new NotFoundResponse("No submission " + id));
    }

    private void render(Context ctx, String lang, int status, Submission s, Map<String, String> fields, List<String> wrong, String error,
            String message, Principal who) {
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("s", s);
        model.put("preview", submissions.preview(s));
        model.put("fields", fields);
        for (String w : wrong) model.put("wrong_" + w, true);
        if (error != null) model.put("error", templates.messages(lang).getOrDefault(error, error));
        model.put("publishError", ctx.attribute("publishError"));
        model.put("message", message);
        model.put("csrf", access.csrfToken(ctx));
        model.put("organisations", organisations.get());
        model.put("reviewer", who);
        model.put("published", ctx.queryParam("published"));
        if (s.status() == Submission.Status.REJECTED) model.put("outbox", submissions.outboxMessage(s));
        send(ctx, lang, status, "review-submission", model);
    }

    private void send(Context ctx, String lang, int status, String template, Map<String, Object> model) {
        ctx.status(status).header("Cache-Control", "no-store").header("Content-Language", lang);
        Templates.send(ctx, templates.render(template, lang, model));
    }

    /** The accept form as it first appears: the submission's own words, a slug from its title, the usual licence. */
    private static Map<String, String> prefilled(Submission s) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("slug", slug(s.title()));
        f.put("organisation", "");
        f.put("publisher", "");
        f.put("titleEs", s.title());
        f.put("titleEn", "");
        f.put("descriptionEs", s.description());
        f.put("descriptionEn", "");
        f.put("license", DEFAULT_LICENSE);
        f.put("keywords", "");
        f.put("contactName", s.contactName());
        f.put("contactEmail", s.contactEmail());
        f.put("provenance", s.source());
        f.put("note", "");
        return f;
    }

    static String slug(String title) {
        String s = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) s = s.substring(0, 60).replaceAll("-[^-]*$", "");
        return s.isEmpty() ? "envio" : s;
    }
}
