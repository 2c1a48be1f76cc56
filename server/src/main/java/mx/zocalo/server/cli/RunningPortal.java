package mx.zocalo.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The portal serving a data directory, asked to do what needs its open store ({@code backup}, {@code compact}): a TDB2
 * store belongs to one process, so the command posts to the portal's control route with the port and token the portal
 * left in {@code DATA/.control.properties}.
 */
final class RunningPortal {
    private RunningPortal() {}

    /** Posts {@code form} to {@code route} of the portal serving {@code dir}; its JSON answer, or an error saying why not. */
    static String post(Path dir, String route, String form, String command) throws IOException, InterruptedException {
        Path control = dir.resolve(".control.properties");
        if (!Files.isRegularFile(control)) {
            throw new IllegalStateException("The data directory " + dir + " is in use by another process that left no control "
                    + "file (" + control + "): stop it and run zocalo " + command + " again");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(control, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + p.getProperty("port") + route))
                .header("Authorization", "Bearer " + p.getProperty("token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the running portal (pid " + p.getProperty("pid") + ") did not " + command + ": "
                    + answer.statusCode() + " " + answer.body());
        }
        return "through the running portal (pid " + p.getProperty("pid") + "): " + answer.body();
    }
}
