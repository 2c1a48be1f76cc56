package mx.zocalo.server.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.submissions.SubmissionLimits;
import mx.zocalo.server.submissions.Submissions;

/**
 * A real portal with the submission form and the review queue: TDB2 in a temporary folder, a server on a free port with
 * a real accounts database (H2 in {@code DATA/accounts}, the users of {@link AccountsPortal} and two more organisations),
 * a clock the test moves, and helpers that fill the form as a visitor does (reading the question and the CSRF token off
 * the page, keeping the pre-session cookie) and that act as a user signed in through the real {@code /login} form.
 */
final class SubmissionPortal implements AutoCloseable {
    static final Path ACCIDENTS = Path.of("/work/shared/data/accidents-states/sct_71_accidentes_mes.csv");
    static final List<String> ES = List.of("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez");
    private static final Pattern QUESTION = Pattern.compile("¿Cuánto es (\\p{L}+) más (\\p{L}+)\\?");
    private static final Pattern TOKEN = Pattern.compile("name=\"challenge\" value=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{64})\"");

    /** A signed-in user: the session cookie and that session's CSRF token. */
    private record Session(String cookie, String csrf) {}

    final Path data;
    final TdbStore store;
    final PortalIris iris = new PortalIris(TestPortal.BASE);
    final MutableClock clock = new MutableClock();
    final Submissions submissions;
    final Accounts accounts;
    final PortalServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    SubmissionPortal(Path data, SubmissionLimits limits) {
        this.data = data;
        store = TdbStore.open(data);
        Vocabularies.load(store, iris);
        submissions = Submissions.open(store, iris, data, limits, clock);
        accounts = Accounts.open(data);
        AccountsPortal.seed(accounts);
        accounts.users().addOrganisation("obras-publicas", "Secretaría de Obras Públicas", null, null);
        accounts.users().addOrganisation("movilidad", "Secretaría de Movilidad", null, null);
        server = PortalServer.builder().store(store).iris(iris).port(0).accounts(accounts).submissions(submissions).build().start();
    }

    /** The visitor's pre-session cookie (as a browser keeps it), set by the first page read without one. */
    private volatile String visitor;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** Signs {@code email} in through the {@code /login} form (once) and reads the session's CSRF token off {@code /account}. */
    private Session session(String email) {
        return sessions.computeIfAbsent(email, e -> {
            try {
                HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(url("/login"))).GET());
                String pre = cookie(form, SessionAccess.PRE_COOKIE);
                String body = "email=" + TestPortal.enc(e) + "&password=" + TestPortal.enc(AccountsPortal.PASSWORD) + "&csrf=" + csrf(form);
                HttpResponse<String> in = send(HttpRequest.newBuilder(URI.create(url("/login")))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", SessionAccess.PRE_COOKIE + "=" + pre)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
                String id = cookie(in, SessionAccess.COOKIE);
                if (in.statusCode() != 303 || id == null || id.isEmpty()) throw new AssertionError("sign-in of " + e + " answered " + in.statusCode());
                String cookie = SessionAccess.COOKIE + "=" + id;
                return new Session(cookie, csrf(send(HttpRequest.newBuilder(URI.create(url("/account"))).header("Cookie", cookie).GET())));
            } catch (IOException | InterruptedException x) {
                throw new AssertionError(x);
            }
        });
    }

    /** The Cookie header of {@code email}'s session, signed in through {@code /login}. */
    String cookieOf(String email) {
        return session(email).cookie();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpResponse<?> r, String name) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            if (pair.startsWith(name + "=")) return pair.substring(name.length() + 1);
        }
        return null;
    }

    private static String csrf(HttpResponse<String> r) {
        Matcher m = CSRF.matcher(r.body());
        if (!m.find()) throw new AssertionError("no CSRF field in " + r.uri() + " (" + r.statusCode() + ")");
        return m.group(1);
    }

    String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** The form's fields as a visitor fills them, with the challenge answered from the page just read. */
    Map<String, String> filledForm(String title) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/submit", null);
        String page = form.body();
        Matcher q = QUESTION.matcher(page);
        Matcher t = TOKEN.matcher(page);
        if (!q.find() || !t.find()) throw new AssertionError("no challenge on /submit");
        int answer = ES.indexOf(q.group(1)) + ES.indexOf(q.group(2));
        Map<String, String> f = new LinkedHashMap<>();
        f.put("csrf", csrf(form));
        f.put("challenge", t.group(1));
        f.put("answer", Integer.toString(answer));
        f.put("title", title);
        f.put("description", "Accidentes de tránsito por entidad y mes, según la SCT.");
        f.put("source", "Secretaría de Comunicaciones y Transportes, anuario estadístico");
        f.put("name", "Ana Pérez");
        f.put("email", "ana.perez@example.org");
        f.put("consent", "yes");
        f.put("website", "");
        clock.advance(Duration.ofSeconds(5)); // a person takes a moment to fill it
        return f;
    }

    HttpResponse<String> submit(Map<String, String> fields, String fileName, byte[] file) throws IOException, InterruptedException {
        String boundary = "----zocalo" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var e : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n" + e.getValue()
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/submit")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (visitor != null) b.header("Cookie", SessionAccess.PRE_COOKIE + "=" + visitor);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> submit(Map<String, String> fields, Path file) throws IOException, InterruptedException {
        return submit(fields, file.getFileName().toString(), Files.readAllBytes(file));
    }

    /** The reference a successful submission redirects to. */
    static String reference(HttpResponse<String> r) {
        String location = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + r.statusCode() + r.body()));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * GET as {@code user} (the e-mail of one of the {@link AccountsPortal} users, signed in through {@code /login}), or
     * with null as the visitor (with the pre-session cookie once there is one, keeping the one the page sets).
     */
    HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (user != null) {
            b.header("Cookie", session(user).cookie());
            return send(b);
        }
        if (visitor != null) b.header("Cookie", SessionAccess.PRE_COOKIE + "=" + visitor);
        HttpResponse<String> r = send(b);
        String pre = cookie(r, SessionAccess.PRE_COOKIE);
        if (pre != null) visitor = pre;
        return r;
    }

    /** A urlencoded form POST as {@code user}, with that user's CSRF token unless {@code fields} has its own. */
    HttpResponse<String> post(String path, String user, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> f = new LinkedHashMap<>();
        if (user != null) f.put("csrf", session(user).csrf());
        f.putAll(fields);
        StringBuilder body = new StringBuilder();
        f.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(TestPortal.enc(k)).append('=').append(TestPortal.enc(v)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (user != null) b.header("Cookie", session(user).cookie());
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop();
        store.close();
        accounts.close();
    }
}
