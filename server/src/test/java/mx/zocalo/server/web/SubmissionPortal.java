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
import java.util.regex.Pattern;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.submissions.SubmissionLimits;
import mx.zocalo.server.submissions.Submissions;

/**
 * A real portal with the submission form and the review queue: TDB2 in a temporary folder, a server on a free port with
 * the {@link TestAccess} door, a clock the test moves, and helpers that fill the form as a visitor does (reading the
 * question off the page).
 */
final class SubmissionPortal implements AutoCloseable {
    static final Path ACCIDENTS = Path.of("/work/shared/data/accidents-states/sct_71_accidentes_mes.csv");
    static final List<String> ES = List.of("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez");
    private static final Pattern QUESTION = Pattern.compile("¿Cuánto es (\\p{L}+) más (\\p{L}+)\\?");
    private static final Pattern TOKEN = Pattern.compile("name=\"challenge\" value=\"([^\"]+)\"");

    final Path data;
    final TdbStore store;
    final PortalIris iris = new PortalIris(TestPortal.BASE);
    final MutableClock clock = new MutableClock();
    final Submissions submissions;
    final PortalServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    SubmissionPortal(Path data, SubmissionLimits limits) {
        this.data = data;
        store = TdbStore.open(data);
        Vocabularies.load(store, iris);
        submissions = Submissions.open(store, iris, data, limits, clock);
        server = PortalServer.builder().store(store).iris(iris).port(0).access(new TestAccess()).submissions(submissions).build().start();
    }

    String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** The form's fields as a visitor fills them, with the challenge answered from the page just read. */
    Map<String, String> filledForm(String title) throws IOException, InterruptedException {
        String page = get("/submit", null).body();
        Matcher q = QUESTION.matcher(page);
        Matcher t = TOKEN.matcher(page);
        if (!q.find() || !t.find()) throw new AssertionError("no challenge on /submit");
        int answer = ES.indexOf(q.group(1)) + ES.indexOf(q.group(2));
        Map<String, String> f = new LinkedHashMap<>();
        f.put("csrf", "csrf-anonymous");
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
        return http.send(HttpRequest.newBuilder(URI.create(url("/submit")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> submit(Map<String, String> fields, Path file) throws IOException, InterruptedException {
        return submit(fields, file.getFileName().toString(), Files.readAllBytes(file));
    }

    /** The reference a successful submission redirects to. */
    static String reference(HttpResponse<String> r) {
        String location = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + r.statusCode() + r.body()));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** GET as {@code user} (a {@link TestAccess} name, or null for anonymous). */
    HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (user != null) b.header("Cookie", TestAccess.COOKIE + "=" + user);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A urlencoded form POST as {@code user}, with that user's CSRF token unless {@code fields} has its own. */
    HttpResponse<String> post(String path, String user, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> f = new LinkedHashMap<>();
        if (user != null) f.put("csrf", "csrf-" + user);
        f.putAll(fields);
        StringBuilder body = new StringBuilder();
        f.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(TestPortal.enc(k)).append('=').append(TestPortal.enc(v)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (user != null) b.header("Cookie", TestAccess.COOKIE + "=" + user);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
