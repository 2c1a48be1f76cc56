package mx.zocalo.server.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Role;

/**
 * A real portal with a real accounts database (H2 in {@code DATA/accounts}) and the users of the authorization tests:
 * an editor of organisation A ({@code finanzas}), an editor of B ({@code salud}), a reviewer and an admin; with the
 * helpers to sign in through the real {@code /login} form and to send forms with a session's CSRF token.
 */
final class AccountsPortal implements AutoCloseable {
    static final String PASSWORD = "correcto caballo batería grapa";
    static final String EDITOR = "editora@finanzas.gob.mx";
    static final String OTHER_EDITOR = "editor@salud.gob.mx";
    static final String REVIEWER = "revisora@ciudad.gob.mx";
    static final String ADMIN = "admin@ciudad.gob.mx";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{64})\"");

    final Accounts accounts;
    final TestPortal portal;

    AccountsPortal(Path data) {
        this(data, Clock.systemUTC());
    }

    AccountsPortal(Path data, Clock clock) {
        accounts = Accounts.open(data, clock);
        seed(accounts);
        // the matrix sends the submission form many times from one address: no rate limit in the way
        portal = new TestPortal(data, SparqlLimits.defaults(), b -> b.accounts(accounts).submissionLimits(
                mx.zocalo.server.submissions.SubmissionLimits.defaults().perAddress(1000, java.time.Duration.ofHours(1))));
    }

    /** Adds the organisations and users above to {@code accounts} unless they are there already. */
    static void seed(Accounts accounts) {
        if (accounts.users().organisation("finanzas").isPresent()) return;
        accounts.users().addOrganisation("finanzas", "Secretaría de Finanzas", "Finance", "https://finanzas.example.mx/");
        accounts.users().addOrganisation("salud", "Secretaría de Salud", null, null);
        accounts.users().add(EDITOR, "Editora de Finanzas", Role.EDITOR, "finanzas", PASSWORD.toCharArray(), false);
        accounts.users().add(OTHER_EDITOR, "Editor de Salud", Role.EDITOR, "salud", PASSWORD.toCharArray(), false);
        accounts.users().add(REVIEWER, "Revisora", Role.REVIEWER, null, PASSWORD.toCharArray(), false);
        accounts.users().add(ADMIN, "Administración", Role.ADMIN, null, PASSWORD.toCharArray(), false);
    }

    String url(String path) {
        return portal.url(path);
    }

    /** A response and the cookies it set (name → value). */
    record Answer(HttpResponse<String> response, Map<String, String> cookies) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String csrf() {
            Matcher m = CSRF.matcher(response.body());
            if (!m.find()) throw new AssertionError("no CSRF field in " + response.uri() + " (" + response.statusCode() + "): "
                    + response.body().substring(0, Math.min(3000, response.body().length())));
            return m.group(1);
        }
    }

    /** Signs in through the form; returns the session cookie's value (fails the test otherwise). */
    String signIn(String email) throws IOException, InterruptedException {
        Answer a = signInAnswer(email, PASSWORD);
        String session = a.cookies().get(SessionAccess.COOKIE);
        if (a.status() != 303 || session == null || session.isEmpty()) {
            throw new AssertionError("sign-in of " + email + " answered " + a.status());
        }
        return session;
    }

    /** Posts the sign-in form as a browser would (first the form, for its token and pre-session cookie). */
    Answer signInAnswer(String email, String password) throws IOException, InterruptedException {
        Answer form = send("GET", "/login", null, null, null);
        String pre = form.cookies().get(SessionAccess.PRE_COOKIE);
        return send("POST", "/login", Map.of("email", email, "password", password, "csrf", form.csrf()), SessionAccess.PRE_COOKIE + "=" + pre, null);
    }

    /** The CSRF token of a session (read from its account page). */
    String csrf(String session) throws IOException, InterruptedException {
        return send("GET", "/account", null, cookie(session), null).csrf();
    }

    static String cookie(String session) {
        return session == null ? null : SessionAccess.COOKIE + "=" + session;
    }

    /** Sends a request: a form (url-encoded) or nothing, a Cookie header, a bearer token. */
    Answer send(String method, String path, Map<String, String> form, String cookie, String bearer) throws IOException, InterruptedException {
        return send(method, path, form, cookie, bearer, Map.of());
    }

    Answer send(String method, String path, Map<String, String> form, String cookie, String bearer, Map<String, String> headers)
            throws IOException, InterruptedException {
        String body = form == null ? "" : form.entrySet().stream()
                .map(e -> TestPortal.enc(e.getKey()) + "=" + TestPortal.enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, method.equals("GET") || method.equals("HEAD") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) b.header("Cookie", cookie);
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        headers.forEach(b::header);
        HttpResponse<String> r = portal.http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new Answer(r, cookies);
    }

    @Override
    public void close() {
        portal.close();
        accounts.close();
    }
}
