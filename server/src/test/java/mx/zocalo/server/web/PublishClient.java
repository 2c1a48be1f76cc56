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
import java.util.UUID;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Upload;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;

/**
 * A real portal with publishing on, a real accounts database (organisations {@code hacienda} and {@code salud}, an
 * editor of each, a reviewer, an admin) with an API token for each user, and a multipart client for its API.
 */
final class PublishClient implements AutoCloseable {
    static final String PASSWORD = "correcto caballo batería grapa";
    static final String EDITOR_EMAIL = "editora@hacienda.gob.mx";
    final Path data;
    final TdbStore store;
    final mx.zocalo.server.accounts.Accounts accounts;
    /** Bearer tokens: the editor of hacienda, the editor of salud, a reviewer, an admin. */
    final String editor;
    final String otherEditor;
    final String reviewer;
    final String admin;
    final PortalIris iris = new PortalIris(TestPortal.BASE);
    final PortalServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    PublishClient(Path data, Upload.Limits limits) {
        this.data = data;
        store = TdbStore.open(data);
        Vocabularies.load(store, iris);
        accounts = mx.zocalo.server.accounts.Accounts.open(data);
        var users = accounts.users();
        users.addOrganisation("hacienda", "Secretaría de Hacienda", "Finance Ministry", "https://hacienda.example.mx/");
        users.addOrganisation("salud", "Secretaría de Salud", null, null);
        editor = user(EDITOR_EMAIL, mx.zocalo.server.accounts.Role.EDITOR, "hacienda");
        otherEditor = user("editor@salud.gob.mx", mx.zocalo.server.accounts.Role.EDITOR, "salud");
        reviewer = user("revisora@ciudad.gob.mx", mx.zocalo.server.accounts.Role.REVIEWER, null);
        admin = user("admin@ciudad.gob.mx", mx.zocalo.server.accounts.Role.ADMIN, null);
        server = PortalServer.builder().store(store).iris(iris).port(0).accounts(accounts).uploadLimits(limits).build().start();
    }

    private String user(String email, mx.zocalo.server.accounts.Role role, String organisation) {
        accounts.users().add(email, email, role, organisation, PASSWORD.toCharArray(), false);
        return accounts.tokens().create(email, "tests", java.time.Duration.ofDays(1)).value();
    }

    String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** A multipart/form-data body. */
    static final class Body {
        final String boundary = "----zocalo" + UUID.randomUUID();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body field(String name, String value) {
            head("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Body file(String name, String fileName, byte[] content) {
            head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Body file(String name, Path file) throws IOException {
            return file(name, file.getFileName().toString(), Files.readAllBytes(file));
        }

        private void head(String h) {
            out.writeBytes(("--" + boundary + "\r\n" + h).getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }
    }

    HttpResponse<String> send(String method, String path, String token, Body body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "multipart/form-data; boundary=" + body.boundary).method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop();
        store.close();
        accounts.close();
    }
}
