package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.web.PortalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The site options of {@code serve} ({@code --site-name}, {@code --logo}, {@code --contact}, {@code --languages},
 * {@code --page-cache-mb}, {@code --query-cache-cells}) taken from flags, {@code ZOCALO_…} variables and {@code
 * zocalo.yaml} as every option is, then applied to a real portal on a free port; a bad value stops {@code serve} naming
 * the option and its key.
 */
class SiteOptionsTest {
    private static final String BASE = "https://datos.example.mx/";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int status = ZocaloCommand.run(args, env);
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** A real PNG: a green square with a white bar. */
    private Path logo() throws Exception {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x1b, 0x5e, 0x20));
        g.fillRect(0, 0, 64, 64);
        g.setColor(Color.WHITE);
        g.fillRect(12, 28, 40, 8);
        g.dispose();
        Path file = dir.resolve("escudo.png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /** The {@code serve} command as {@code args} and {@code env} (and the data directory's zocalo.yaml) set it. */
    private ServeCommand serve(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        Settings settings = Settings.load(all, env);
        CommandLine cl = ZocaloCommand.commandLine(settings);
        settings.check(cl);
        return (ServeCommand) cl.parseArgs(all).subcommand().commandSpec().userObject();
    }

    /** A portal on a free port with the site options of {@code serve}, over an empty store. */
    private void withPortal(ServeCommand serve, Consumer<String> test) {
        PortalIris iris = new PortalIris(BASE);
        try (TdbStore store = TdbStore.open(dir.resolve("store"))) {
            Vocabularies.load(store, iris);
            PortalServer server = serve.site.apply(PortalServer.builder().store(store).iris(iris).port(0), serve.site.identity())
                    .build().start();
            try {
                test.accept("http://localhost:" + server.port());
            } finally {
                server.stop();
            }
        }
    }

    private HttpResponse<String> get(String url, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
            if (headers.length > 0) b.headers(headers);
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theNameLogoAndContactShowOnEveryPageAndTheLogoIsServed() throws Exception {
        Path logo = logo();
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("zocalo.yaml"), "logo: " + logo + "\ncontact: datos@oaxaca.gob.mx\nsite-name: From the file\n");
        ServeCommand serve = serve(Map.of("ZOCALO_SITE_NAME", "Datos Abiertos de Oaxaca"), "--data", data.toString());
        withPortal(serve, url -> {
            HttpResponse<String> home = get(url + "/", "Accept-Language", "es");
            assertThat(home.statusCode()).isEqualTo(200);
            String html = home.body();
            assertThat(html).contains("· Datos Abiertos de Oaxaca</title>") // the variable beats the file
                    .doesNotContain("From the file").doesNotContain("Zócalo")
                    .contains("<img class=\"logo\" src=\"/logo.png\" alt=\"Datos Abiertos de Oaxaca\">")
                    .contains("Contacto: <a href=\"mailto:datos@oaxaca.gob.mx\">datos@oaxaca.gob.mx</a>")
                    .contains("<p>Datos Abiertos de Oaxaca · datos abiertos enlazados.");
            assertThat(get(url + "/catalog", "Accept-Language", "en").body()).contains("Contact: <a href=\"mailto:")
                    .contains("· Datos Abiertos de Oaxaca</title>");
            assertThat(get(url + "/no/such/page", "Accept", "text/html").body()).contains("alt=\"Datos Abiertos de Oaxaca\""); // error pages too
            try {
                HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(URI.create(url + "/logo.png")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(image.statusCode()).isEqualTo(200);
                assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
                assertThat(image.headers().firstValue("Cache-Control").orElse("")).contains("max-age=");
                assertThat(image.body()).isEqualTo(Files.readAllBytes(logo));
                String etag = image.headers().firstValue("ETag").orElseThrow();
                assertThat(get(url + "/logo.png", "If-None-Match", etag).statusCode()).isEqualTo(304);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void oneLanguageAloneAnswersEveryReaderInItAndHasNoSwitch() {
        withPortal(serve(Map.of(), "--languages", "en", "--contact", "https://oaxaca.gob.mx/contacto",
                "--logo", "https://cdn.oaxaca.gob.mx/escudo.svg"), url -> {
            HttpResponse<String> es = get(url + "/?lang=es", "Accept-Language", "es-MX,es;q=0.9");
            // a logo by address: shown from there, its origin allowed for images, nothing served at /logo.svg
            assertThat(es.body()).contains("<img class=\"logo\" src=\"https://cdn.oaxaca.gob.mx/escudo.svg\" alt=\"Zócalo\">");
            assertThat(es.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("img-src 'self' data: blob: https://cdn.oaxaca.gob.mx;");
            assertThat(get(url + "/logo.svg", "Accept", "text/html").statusCode()).isEqualTo(404);
            assertThat(es.body()).contains("<html lang=\"en\">").contains(">Datasets<").doesNotContain("class=\"lang-switch\"")
                    .doesNotContain("Español").contains("Contact: <a href=\"https://oaxaca.gob.mx/contacto\">oaxaca.gob.mx/contacto</a>");
            assertThat(es.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("zocalo_lang=es"));
        });
        withPortal(serve(Map.of(), "--languages", "en,es"), url -> {
            HttpResponse<String> fr = get(url + "/", "Accept-Language", "fr");
            assertThat(fr.body()).as("the first language is the default").contains("<html lang=\"en\">").contains("class=\"lang-switch\"");
            assertThat(get(url + "/", "Accept-Language", "es").body()).contains("<html lang=\"es\">").contains("Zócalo");
        });
    }

    @Test
    void aPageCacheOfNoMegabytesStillServesPagesButKeepsNone() {
        withPortal(serve(Map.of(), "--page-cache-mb", "0", "--query-cache-cells", "0"), url -> {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = get(url + "/catalog");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("</html>");
                assertThat(r.headers().firstValue("X-Cache")).isEmpty();
            }
            HttpResponse<String> q = get(url + "/sparql?query=ASK%7B%7D", "Accept", "application/sparql-results+json");
            assertThat(q.statusCode()).isEqualTo(200);
            assertThat(q.body()).contains("boolean");
        });
        withPortal(serve(Map.of()), url -> { // the default keeps pages: the same request twice is a hit
            get(url + "/catalog");
            assertThat(get(url + "/catalog").headers().firstValue("X-Cache")).hasValue("hit");
        });
    }

    @Test
    void aBadValueStopsServeNamingTheOptionAndItsKey() throws Exception {
        Path data = dir.resolve("data");
        Run missing = run(Map.of(), "serve", "--data", data.toString(), "--logo", dir.resolve("nope.png").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("--logo (key logo): no file " + dir.resolve("nope.png"));
        Path notImage = Files.writeString(dir.resolve("logo.png"), "not a picture");
        assertThat(run(Map.of(), "serve", "--data", data.toString(), "--logo", notImage.toString()).err())
                .contains("--logo (key logo): " + notImage + " is not a .png image");
        Path config = Files.writeString(dir.resolve("zocalo.yaml"), "contact: write to us\n");
        Run contact = run(Map.of(), "serve", "--config", config.toString(), "--data", data.toString());
        assertThat(contact.status()).isEqualTo(1);
        assertThat(contact.err()).contains("--contact (key contact): 'write to us' is neither an e-mail address");
        Run language = run(Map.of("ZOCALO_LANGUAGES", "es,fr"), "serve", "--data", data.toString());
        assertThat(language.status()).isEqualTo(1);
        assertThat(language.err()).contains("--languages (key languages): the portal has no pages in 'fr'; its languages are es, en");
        Run cache = run(Map.of(), "serve", "--data", data.toString(), "--page-cache-mb", "-1");
        assertThat(cache.err()).contains("--page-cache-mb (key page-cache-mb) is 0 or more");
        Run name = run(Map.of(), "serve", "--data", data.toString(), "--site-name", " ");
        assertThat(name.err()).contains("--site-name (key site-name)");
        Files.writeString(config, "page-cache-mb: lots\n");
        Run file = run(Map.of(), "serve", "--config", config.toString());
        assertThat(file.status()).isEqualTo(2);
        assertThat(file.err()).contains(config + ":1: key 'page-cache-mb': 'lots' is not a number");
        assertThat(Files.exists(data)).as("nothing was opened or created").isFalse();
    }

    @Test
    void configShowsTheSiteKeysWithWhereEachCameFrom() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path file = data.resolve("zocalo.yaml");
        Files.writeString(file, "site-name: Datos Abiertos de Oaxaca\nlanguages: [en, es]\npage-cache-mb: 128\n");
        Run r = run(Map.of("ZOCALO_CONTACT", "datos@oaxaca.gob.mx"), "config", "--data", data.toString(), "serve", "--",
                "--logo", "/srv/escudo.svg");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(line(r, "site-name")).contains("Datos Abiertos de Oaxaca").endsWith(file + ":1");
        assertThat(line(r, "languages")).contains("[en, es]").endsWith(file + ":2");
        assertThat(line(r, "page-cache-mb")).contains("128").endsWith(file + ":3");
        assertThat(line(r, "contact")).contains("datos@oaxaca.gob.mx").endsWith("ZOCALO_CONTACT");
        assertThat(line(r, "logo")).contains("/srv/escudo.svg").endsWith("flag --logo");
        assertThat(line(r, "query-cache-cells")).contains("4000000").endsWith("default");
        assertThat(line(r, "tile-url")).endsWith("default (unset)");
        Run demo = run(Map.of(), "config", "demo", "--", "--site-name", "Demo");
        assertThat(line(demo, "site-name")).contains("Demo").endsWith("flag --site-name");
        Run replica = run(Map.of("ZOCALO_SITE_NAME", "Datos Abiertos de Oaxaca"), "config", "replica", "--", "--primary",
                "http://primary:8080/", "--data", dir.resolve("replica").toString());
        assertThat(replica.status()).as(replica.err()).isZero();
        assertThat(line(replica, "site-name")).contains("Datos Abiertos de Oaxaca").endsWith("ZOCALO_SITE_NAME");
    }

    private static String line(Run r, String key) {
        return r.out().lines().filter(l -> l.startsWith(key + " ")).findFirst().orElseThrow(() -> new AssertionError("no " + key + " in\n" + r.out()));
    }
}
