package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import mx.zocalo.server.accounts.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route × {anonymous, editor of another organisation, editor, reviewer, admin} → the expected status, on a real
 * portal with a real accounts database, each user signed in through the real {@code /login} form (with the session's
 * CSRF token on forms), and again with an API token ({@code Authorization: Bearer}). Every route registered that is
 * not GET or HEAD must have a row: a new route that writes without one fails {@link #every_writing_route_has_a_row}.
 *
 * <p>To add a row: {@code row("POST", "/pattern/{x}", "/concrete/path", form, anonymous, otherEditor, editor, reviewer,
 * admin)}; {@code form} builds the form fields from the column's name (to keep e-mails and slugs unique); the CSRF field
 * is added. The "editor" column is the editor of {@code finanzas} (organisation A), "other" the editor of {@code salud}.
 */
class AuthorizationMatrixTest {
    enum Who { ANONYMOUS, OTHER_EDITOR, EDITOR, REVIEWER, ADMIN }

    /** One route: its Javalin pattern, a concrete path, the form, the status per column; {@code fresh}: it ends the session. */
    record Row(String method, String pattern, String path, Function<String, Map<String, String>> form, Map<Who, Integer> expected, boolean fresh) {}

    @TempDir
    static Path data;
    static AccountsPortal portal;
    static final List<Row> ROWS = new ArrayList<>();

    static void row(String method, String pattern, String path, Function<String, Map<String, String>> form, int... statuses) {
        row(method, pattern, path, form, false, statuses);
    }

    static void row(String method, String pattern, String path, Function<String, Map<String, String>> form, boolean fresh, int... statuses) {
        Map<Who, Integer> m = new EnumMap<>(Who.class);
        for (Who w : Who.values()) m.put(w, statuses[w.ordinal()]);
        ROWS.add(new Row(method, pattern, path, form, m, fresh));
    }

    static Function<String, Map<String, String>> none() {
        return who -> Map.of();
    }

    static {
        // the accounts pages (this branch)
        row("GET", "/account", "/account", null, 303, 200, 200, 200, 200);
        // the running portal's backup: the control token in the data directory, never a session or an API token
        row("POST", "/-/backup", "/-/backup", who -> Map.of("to", "/tmp/matrix-backup.zip"), 401, 401, 401, 401, 401);
        // and its compaction: the same
        row("POST", "/-/compact", "/-/compact", who -> Map.of(), 401, 401, 401, 401, 401);
        row("POST", "/login", "/login", who -> Map.of("email", "nadie-" + who.toLowerCase() + "@example.mx", "password", "no es la contraseña"), 401, 401, 401, 401, 401);
        row("POST", "/logout", "/logout", none(), true, 303, 303, 303, 303, 303);
        row("POST", "/account/tokens", "/account/tokens", who -> Map.of("name", "matrix " + who, "days", "30"), 401, 201, 201, 201, 201);
        row("POST", "/account/tokens/{id}/revoke", "/account/tokens/999999/revoke", none(), 401, 404, 404, 404, 404);
        row("POST", "/account/password", "/account/password",
                who -> Map.of("current", "not the password at all", "password", "x", "confirm", "x"), 401, 400, 400, 400, 400);
        row("POST", "/account/signout-everywhere", "/account/signout-everywhere", none(), true, 401, 303, 303, 303, 303);
        row("GET", "/admin/users", "/admin/users", null, 303, 403, 403, 403, 200);
        row("GET", "/admin/organisations", "/admin/organisations", null, 303, 403, 403, 403, 200);
        row("GET", "/admin/audit", "/admin/audit", null, 303, 403, 403, 403, 200);
        // the organisations' pages are public, for everyone
        row("GET", "/organisation", "/organisation", null, 200, 200, 200, 200, 200);
        row("GET", "/organisation/{slug}", "/organisation/finanzas", null, 200, 200, 200, 200, 200);
        row("GET", "/api/organisations/{slug}", "/api/organisations/salud", null, 200, 200, 200, 200, 200);
        row("POST", "/admin/users", "/admin/users", who -> Map.of("email", "nueva-" + who.toLowerCase() + "@example.mx", "role", "reviewer"),
                401, 403, 403, 403, 201);
        row("POST", "/admin/users/role", "/admin/users/role",
                who -> Map.of("email", AccountsPortal.REVIEWER, "role", "reviewer"), 401, 403, 403, 403, 303);
        row("POST", "/admin/users/disable", "/admin/users/disable",
                who -> Map.of("email", AccountsPortal.REVIEWER, "disabled", "false"), 401, 403, 403, 403, 303);
        row("POST", "/admin/organisations", "/admin/organisations",
                who -> Map.of("slug", "org-" + who.toLowerCase().replace('_', '-'), "name", "Organización " + who), 401, 403, 403, 403, 303);
        // citizens' submissions (submissions branch): anyone may send the form (400 here: no question answered, no
        // file); the review queue and its decisions for reviewers and admins (404: no such submission, once allowed)
        row("POST", "/submit", "/submit", who -> Map.of("title", "Matriz " + who), 400, 400, 400, 400, 400);
        row("GET", "/review", "/review", null, 401, 403, 403, 200, 200);
        row("GET", "/review/{id}", "/review/20260101-AAAAAA", null, 401, 403, 403, 404, 404);
        row("GET", "/review/{id}/file", "/review/20260101-AAAAAA/file", null, 401, 403, 403, 404, 404);
        row("POST", "/review/{id}/accept", "/review/20260101-AAAAAA/accept", who -> Map.of("slug", "matriz", "organisation", "finanzas"),
                401, 403, 403, 404, 404);
        row("POST", "/review/{id}/reject", "/review/20260101-AAAAAA/reject", who -> Map.of("message", "no"), 401, 403, 403, 404, 404);
        // the SPARQL endpoint: read-only whoever asks
        row("POST", "/sparql", "/sparql", who -> Map.of("query", "ASK {}"), 200, 200, 200, 200, 200);
        row("POST", "/sparql", "/sparql?update", who -> Map.of("update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"), 403, 403, 403, 403, 403);
        row("POST", "/sparql/update", "/sparql/update", who -> Map.of("update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"), 403, 403, 403, 403, 403);
        // publishing from the web and the API (webpublish): pagos-finanzas belongs to finanzas, the "editor" column's
        String upload = "/publish/" + "0".repeat(32);
        row("GET", "/publish", "/publish", null, 303, 200, 200, 403, 200);
        row("POST", "/publish", "/publish", none(), 401, 400, 400, 403, 400);
        row("POST", "/publish/{id}/mapping", upload + "/mapping", none(), 401, 404, 404, 403, 404);
        row("POST", "/publish/{id}/score", upload + "/score", none(), 401, 404, 404, 403, 404);
        row("POST", "/publish/{id}/publish", upload + "/publish", none(), 401, 404, 404, 403, 404);
        row("GET", "/dataset/{slug}/edit", "/dataset/pagos-finanzas/edit", null, 303, 403, 200, 403, 200);
        row("POST", "/dataset/{slug}/edit", "/dataset/pagos-finanzas/edit", who -> Map.of("title_es", "Pagos de finanzas"), 401, 403, 422, 403, 422);
        row("POST", "/dataset/{slug}/unpublish", "/dataset/no-existe/unpublish", who -> Map.of("confirm", "yes"), 401, 404, 404, 403, 404);
        row("POST", "/api/datasets", "/api/datasets", who -> Map.of("metadata", "{\"slug\":\"m-" + who.toLowerCase().replace('_', '-') + "\",\"title\":\"x\"}"),
                401, 400, 400, 403, 400);
        row("PUT", "/api/datasets/{slug}", "/api/datasets/pagos-finanzas", who -> Map.of("metadata", "{\"title\":{\"es\":\"Pagos\"}}"),
                401, 403, 422, 403, 422);
        row("DELETE", "/api/datasets/{slug}", "/api/datasets/no-existe", none(), 401, 404, 404, 403, 404);
        // CORS preflights: they change nothing
        row("OPTIONS", "/sparql", "/sparql", null, 204, 204, 204, 204, 204);
        row("OPTIONS", "/sparql/*", "/sparql/update", null, 204, 204, 204, 204, 204);
        row("OPTIONS", "/api/datasets/{slug}", "/api/datasets/x", null, 204, 204, 204, 204, 204);
        row("OPTIONS", "/api/datasets/{slug}/rows", "/api/datasets/x/rows", null, 204, 204, 204, 204, 204);
        for (String ext : List.of("json", "csv", "geojson", "sparql")) {
            row("OPTIONS", "/api/datasets/{slug}/rows." + ext, "/api/datasets/x/rows." + ext, null, 204, 204, 204, 204, 204);
        }
    }

    static final Map<Who, String> EMAILS = Map.of(Who.OTHER_EDITOR, AccountsPortal.OTHER_EDITOR, Who.EDITOR, AccountsPortal.EDITOR,
            Who.REVIEWER, AccountsPortal.REVIEWER, Who.ADMIN, AccountsPortal.ADMIN);

    @BeforeAll
    static void start() throws java.io.IOException {
        portal = new AccountsPortal(data);
        // a dataset of finanzas (organisation A), published from the command line: its fields cannot be changed without its file
        Path folder = java.nio.file.Files.createDirectories(data.resolve("pagos-finanzas-src"));
        try (var files = java.nio.file.Files.list(TestPortal.FIXTURE)) {
            for (Path f : files.toList()) java.nio.file.Files.copy(f, folder.resolve(f.getFileName()));
        }
        Path yaml = folder.resolve("dataset.yaml");
        java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(yaml).replace("slug: pagos-prueba", "slug: pagos-finanzas")
                + "\norganisation: finanzas\n");
        portal.portal.publisher.publish(folder, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    @Test
    void every_writing_route_has_a_row() {
        Set<String> registered = new LinkedHashSet<>();
        for (String r : portal.portal.server.routes()) {
            if (!r.startsWith("GET ") && !r.startsWith("HEAD ") && !r.startsWith("BEFORE") && !r.startsWith("AFTER")) registered.add(r);
        }
        Set<String> inTable = new LinkedHashSet<>();
        for (Row r : ROWS) inTable.add(r.method() + " " + r.pattern());
        assertThat(inTable).as("rows of the authorization matrix").containsAll(registered);
        assertThat(registered).as("the matrix names routes that exist").containsAll(inTable.stream().filter(s -> !s.startsWith("GET ")).toList());
    }

    @Test
    void every_route_answers_each_role_as_the_table_says_with_a_session() throws Exception {
        Map<Who, String> sessions = new EnumMap<>(Who.class);
        for (var e : EMAILS.entrySet()) sessions.put(e.getKey(), portal.signIn(e.getValue()));
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            for (Who who : Who.values()) {
                String session = who == Who.ANONYMOUS ? null : row.fresh() ? portal.signIn(EMAILS.get(who)) : sessions.get(who);
                Map<String, String> form = row.form() == null ? null : new LinkedHashMap<>(row.form().apply(who.name()));
                String cookie;
                if (session != null) {
                    cookie = AccountsPortal.cookie(session);
                    if (form != null) form.put("csrf", portal.csrf(session));
                } else {
                    AccountsPortal.Answer login = portal.send("GET", "/login", null, null, null);
                    cookie = SessionAccess.PRE_COOKIE + "=" + login.cookies().get(SessionAccess.PRE_COOKIE);
                    if (form != null) form.put("csrf", login.csrf());
                }
                int status = portal.send(row.method(), row.path(), form, cookie, null).status();
                if (status != row.expected().get(who)) wrong.add(row.method() + " " + row.path() + " as " + who + ": " + status + ", expected " + row.expected().get(who));
                if (row.fresh() && who != Who.ANONYMOUS) sessions.put(who, portal.signIn(EMAILS.get(who))); // it may have ended them all
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void every_route_answers_each_role_as_the_table_says_with_a_bearer_token() throws Exception {
        Map<Who, String> tokens = new EnumMap<>(Who.class);
        for (var e : EMAILS.entrySet()) {
            tokens.put(e.getKey(), portal.accounts.tokens().create(e.getValue(), "matrix", Tokens.DEFAULT_VALIDITY).value());
        }
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            for (Who who : EMAILS.keySet()) { // the anonymous column is the session run's
                Map<String, String> form = row.form() == null ? null : row.form().apply("bearer-" + who.name());
                int status = portal.send(row.method(), row.path(), form, null, tokens.get(who)).status();
                int expected = row.expected().get(who);
                if (status != expected) wrong.add(row.method() + " " + row.path() + " as " + who + " (bearer): " + status + ", expected " + expected);
            }
        }
        assertThat(wrong).isEmpty();
    }
}
