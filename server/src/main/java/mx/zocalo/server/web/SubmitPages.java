package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.submissions.Challenge;
import mx.zocalo.server.submissions.Submission;
import mx.zocalo.server.submissions.SubmissionForm;
import mx.zocalo.server.submissions.Submissions;

/**
 * {@code /submit}: the form anyone may send a table with (no account), its checks in the order a refusal costs least —
 * the address's rate (429), the declared size (411, 413), the honeypot, the challenge, the fields, the file's size (413)
 * and kind by content (415) — and the thank-you page with the reference. A refused form comes back with what was typed
 * (not the file) and a new question. The form carries the CSRF token of {@link Access#csrfToken} (for a visitor who is not
 * signed in, that of a pre-session cookie: a double submit), checked by {@link Access#checkCsrf}. Nothing here touches the store: the submission goes to the review queue only.
 */
final class SubmitPages {
    /** The honeypot: a field people do not see (hidden by CSS) and bots fill. */
    static final String HONEYPOT = "website";
    /** Room for the form's fields around the file in a multipart body. */
    private static final long FORM_OVERHEAD = 1L << 20;
    private final Submissions submissions;
    private final Templates templates;
    private final Access access;

    SubmitPages(Submissions submissions, Templates templates, Access access) {
        this.submissions = submissions;
        this.templates = templates;
        this.access = access;
    }

    void form(Context ctx) {
        String lang = PageLanguage.of(ctx);
        render(ctx, lang, 200, new SubmissionForm("", "", "", "", "", false), List.of(), null);
    }

    void submit(Context ctx) {
        String lang = PageLanguage.peek(ctx);
        String address = ctx.req().getRemoteAddr();
        long wait = submissions.attempt(address);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new HttpResponseException(429, templates.messages(lang).get("submit.error.rate"));
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared < 0) throw new HttpResponseException(411, "A submission needs a Content-Length");
        if (declared > submissions.limits().maxBytes() + FORM_OVERHEAD) {
            throw new HttpResponseException(413, tooLarge(lang));
        }
        access.checkCsrf(ctx); // the pre-session cookie's token (double submit); the signed single-use question besides
        SubmissionForm form = new SubmissionForm(ctx.formParam("title"), ctx.formParam("description"), ctx.formParam("source"),
                ctx.formParam("name"), ctx.formParam("email"), "yes".equals(ctx.formParam("consent")));
        String honeypot = ctx.formParam(HONEYPOT);
        if (honeypot != null && !honeypot.isEmpty()) {
            render(ctx, lang, 400, form, List.of(), "submit.error.refused");
            return;
        }
        Challenge.Verdict verdict = submissions.check(ctx.formParam("challenge"), ctx.formParam("answer"));
        if (verdict != Challenge.Verdict.PASSED) {
            render(ctx, lang, 400, form, List.of(), "submit.error.challenge." + verdict.name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        if (!form.problems().isEmpty()) {
            render(ctx, lang, 400, form, form.problems(), "submit.error.fields");
            return;
        }
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            render(ctx, lang, 400, form, List.of("file"), "submit.error.file");
            return;
        }
        if (file.size() > submissions.limits().maxBytes()) {
            render(ctx, lang, 413, form, List.of("file"), "submit.error.large");
            return;
        }
        Path upload = copy(file);
        try {
            Submission s = submissions.receive(form, upload, file.filename(), address);
            ctx.redirect("/submit/thanks/" + s.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (Submissions.Refused e) {
            switch (e.reason()) {
                case TOO_LARGE -> render(ctx, lang, 413, form, List.of("file"), "submit.error.large");
                case NOT_A_TABLE -> render(ctx, lang, 415, form, List.of("file"), "submit.error.type");
                case EMPTY -> render(ctx, lang, 400, form, List.of("file"), "submit.error.file");
            }
        } finally {
            try {
                Files.deleteIfExists(upload); // moved away when kept
            } catch (IOException e) {
                // a temporary file the system cleans
            }
        }
    }

    void thanks(Context ctx) {
        String lang = PageLanguage.of(ctx);
        String id = ctx.pathParam("id");
        if (submissions.find(id).isEmpty()) throw new NotFoundResponse("No submission " + id);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("reference", id);
        ctx.header("Cache-Control", "no-store");
        Templates.send(ctx, templates.render("submit-thanks", lang, model));
    }

    private void render(Context ctx, String lang, int status, SubmissionForm form, List<String> wrong, String error) {
        Challenge.Question q = submissions.ask();
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("form", form);
        model.put("wrong", new HashMap<>(Map.of("list", wrong)));
        for (String w : wrong) model.put("wrong_" + w, true);
        model.put("question", q.text(lang));
        model.put("challenge", q.token());
        model.put("csrf", access.csrfToken(ctx));
        model.put("honeypot", HONEYPOT);
        model.put("maxMegabytes", Math.max(1, submissions.limits().maxBytes() >> 20));
        if (error != null) model.put("error", templates.messages(lang).getOrDefault(error, error));
        ctx.status(status).header("Cache-Control", "no-store");
        Templates.send(ctx, templates.render("submit", lang, model));
    }

    private String tooLarge(String lang) {
        return templates.messages(lang).get("submit.error.large");
    }

    /** The upload in a temporary file, copied with a count so a body larger than it said stops at the limit. */
    private Path copy(UploadedFile file) {
        long max = submissions.limits().maxBytes();
        try {
            Path tmp = Files.createTempFile("zocalo-submission", ".upload");
            try (InputStream in = file.content(); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > max) break; // receive() refuses it as too large by its size
                    out.write(buffer, 0, n);
                }
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload", e);
        }
    }
}
