package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mx.zocalo.server.publish.Change;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The public organisation pages on a real portal with a real accounts database: two real datasets of organisation A
 * ({@code finanzas}: poblacion-estatal and cuenta-publica from mappings/), one of B ({@code salud}: the pagos-prueba
 * fixture), poblacion-estatal published twice with a note holding HTML. The page of A lists exactly the datasets a SPARQL
 * query of the catalog finds for A, its activity the versions the catalog describes (with the note, escaped), and no
 * e-mail of who published; an unknown organisation is 404; both pages pass axe-core and are screenshot at 1280 and 390 px.
 */
class OrganisationPagesTest {
    static final String A = "finanzas";
    static final String B = "salud";
    static final String NOTE = "Se corrige <b>2000</b> & <script>alert(1)</script>";
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    @TempDir
    static Path profile;
    static AccountsPortal portal;

    @BeforeAll
    static void publish() throws IOException {
        portal = new AccountsPortal(data);
        Path poblacion = copy(Path.of("../mappings/poblacion-estatal"), A);
        Path cuenta = copy(Path.of("../mappings/cuenta-publica"), A);
        Path pagos = copy(TestPortal.FIXTURE, B);
        portal.portal.publisher.publish(poblacion, false, new Change(AccountsPortal.EDITOR, "Primera carga"));
        portal.portal.publisher.publish(cuenta, false, new Change(AccountsPortal.EDITOR, ""));
        portal.portal.publisher.publish(pagos, false, new Change(AccountsPortal.OTHER_EDITOR, "Pagos"));
        portal.portal.publisher.publish(poblacion, true, new Change(AccountsPortal.EDITOR, NOTE));
        // a third dataset of A, withdrawn: no longer among its datasets, its withdrawal in the activity
        Path gone = copy(TestPortal.FIXTURE, A);
        Path yaml = gone.resolve("dataset.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("slug: pagos-prueba", "slug: pagos-retirados"));
        portal.portal.publisher.publish(gone, false, new Change(AccountsPortal.EDITOR, "Se retira"));
        new mx.zocalo.server.publish.Unpublisher(portal.portal.store, portal.portal.iris).unpublish("pagos-retirados");
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    /** A copy of a dataset folder whose dataset.yaml says it belongs to {@code organisation}. */
    static Path copy(Path from, String organisation) throws IOException {
        Path to = work.resolve(from.getFileName() + "-" + organisation);
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
        Path yaml = to.resolve("dataset.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "\norganisation: " + organisation + "\n");
        return to;
    }

    static List<CSVRecord> sparql(String query) throws IOException, InterruptedException {
        HttpResponse<String> r = portal.portal.post("/sparql", "application/sparql-query", query, "text/csv");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return CSV.parse(new StringReader(r.body())).getRecords();
    }

    /** The dataset slugs the catalog says {@code organisation} owns, by an independent SPARQL query. */
    static Set<String> catalogDatasets(String organisation) throws IOException, InterruptedException {
        Set<String> out = new TreeSet<>();
        for (CSVRecord r : sparql("SELECT ?id WHERE { GRAPH <" + TestPortal.BASE + "graph/catalog> { <" + TestPortal.BASE
                + "catalog> <http://www.w3.org/ns/dcat#dataset> ?ds . ?rec <" + TestPortal.BASE + "def/zocalo#organisation> \""
                + organisation + "\" ; <http://xmlns.com/foaf/0.1/primaryTopic> ?ds . ?ds <http://purl.org/dc/terms/identifier> ?id } }")) {
            out.add(r.get("id"));
        }
        return out;
    }

    static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("section " + id).isPositive();
        return html.substring(start, html.indexOf("</section>", start));
    }

    static Set<String> links(String html, String pattern) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile(pattern).matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void the_page_of_an_organisation_lists_exactly_its_datasets() throws Exception {
        Set<String> expected = catalogDatasets(A);
        assertThat(expected).hasSize(2); // the setup published two of A
        HttpResponse<String> r = portal.portal.get("/organisation/" + A + "?lang=es", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<h1>Secretaría de Finanzas</h1>").contains("href=\"https://finanzas.example.mx/\"");
        assertThat(links(section(r.body(), "org-datasets"), "href=\"/dataset/([^\"/]+)\"")).isEqualTo(expected);
        assertThat(links(section(portal.portal.get("/organisation/" + B, null).body(), "org-datasets"), "href=\"/dataset/([^\"/]+)\""))
                .isEqualTo(catalogDatasets(B)).doesNotContainAnyElementsOf(expected);
        HttpResponse<String> en = portal.portal.get("/organisation/" + A + "?lang=en", null);
        assertThat(en.body()).contains("<h1>Finance</h1>").contains("Population projections by state");
        // the list: every organisation of the accounts database with its number of datasets
        String list = portal.portal.get("/organisation", null).body();
        assertThat(list).contains("href=\"/organisation/" + A + "\"").contains("href=\"/organisation/" + B + "\"")
                .contains("<data value=\"" + expected.size() + "\">").contains("<data value=\"" + catalogDatasets(B).size() + "\">");
        // the dataset page links its organisation
        assertThat(portal.portal.get("/dataset/poblacion-estatal", null).body()).contains("href=\"/organisation/" + A + "\"");
    }

    @Test
    void the_activity_shows_the_versions_with_their_notes_escaped_and_no_email() throws Exception {
        Map<String, String> expected = new TreeMap<>(); // "slug v{n}" -> note, from the catalog
        for (CSVRecord r : sparql("SELECT ?id ?n ?note WHERE { GRAPH <" + TestPortal.BASE + "graph/catalog> { ?rec <" + TestPortal.BASE
                + "def/zocalo#organisation> \"" + A + "\" ; <http://xmlns.com/foaf/0.1/primaryTopic> ?ds . ?ds <http://purl.org/dc/terms/identifier> ?id ;"
                + " <http://www.w3.org/ns/dcat#hasVersion> ?v . ?v <http://www.w3.org/ns/dcat#version> ?n ."
                + " OPTIONAL { ?v <http://www.w3.org/ns/adms#versionNotes> ?note } } }")) {
            expected.put(r.get("id") + " v" + r.get("n"), r.get("note"));
        }
        assertThat(expected).containsKeys("poblacion-estatal v1", "poblacion-estatal v2", "cuenta-publica v1").hasSize(3);
        String html = portal.portal.get("/organisation/" + A, null).body();
        String activity = section(html, "org-activity");
        assertThat(links(activity, "href=\"/dataset/([^\"]+/v[0-9]+)\"")).isEqualTo(
                expected.keySet().stream().map(k -> k.replace(" ", "/")).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        // newest first: version 2 of poblacion-estatal, with its note escaped
        assertThat(activity.indexOf("/dataset/poblacion-estatal/v2")).isLessThan(activity.indexOf("/dataset/poblacion-estatal/v1"));
        assertThat(activity).contains("Se corrige &lt;b&gt;2000&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Primera carga");
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<b>2000");
        // never who published
        for (String page : List.of("/organisation", "/organisation/" + A, "/organisation/" + B, "/api/organisations/" + A)) {
            String body = portal.portal.get(page, null).body();
            assertThat(EMAIL.matcher(body).find()).as("an e-mail in " + page).isFalse();
        }
        // the JSON form
        HttpResponse<String> api = portal.portal.get("/api/organisations/" + A, null);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(api.body());
        Set<String> apiDatasets = new TreeSet<>();
        json.get("datasets").forEach(d -> apiDatasets.add(d.get("slug").asText()));
        assertThat(apiDatasets).isEqualTo(catalogDatasets(A));
        List<String> notes = new ArrayList<>();
        json.get("activity").forEach(a -> {
            if (!a.has("withdrawn")) notes.add(a.get("note").asText());
        });
        assertThat(notes).hasSize(3).first().isEqualTo(NOTE);
    }

    @Test
    void the_activity_shows_the_withdrawals_the_catalog_records() throws Exception {
        Set<String> withdrawn = new TreeSet<>();
        for (CSVRecord r : sparql("SELECT ?id WHERE { GRAPH <" + TestPortal.BASE + "graph/catalog> { ?rec <" + TestPortal.BASE
                + "def/zocalo#organisation> \"" + A + "\" ; <http://www.w3.org/ns/adms#status> <http://purl.org/adms/changetype/deleted> ;"
                + " <http://xmlns.com/foaf/0.1/primaryTopic> ?ds . ?ds <http://purl.org/dc/terms/identifier> ?id } }")) {
            withdrawn.add(r.get("id"));
        }
        assertThat(withdrawn).containsExactly("pagos-retirados");
        String activity = section(portal.portal.get("/organisation/" + A + "?lang=en", null).body(), "org-activity");
        assertThat(links(activity, "<li class=\"withdrawn\">\\s*<h3>[^<]*· <a href=\"/dataset/([^\"]+)\">withdrawn</a>")).isEqualTo(withdrawn);
        assertThat(activity).doesNotContain("/dataset/pagos-retirados/v1");
        assertThat(section(portal.portal.get("/organisation/" + B, null).body(), "org-activity")).doesNotContain("pagos-retirados");
    }

    @Test
    void an_unknown_organisation_is_404() throws Exception {
        assertThat(portal.portal.get("/organisation/no-existe", null).statusCode()).isEqualTo(404);
        assertThat(portal.portal.get("/api/organisations/no-existe", null).statusCode()).isEqualTo(404);
    }

    @Test
    void the_pages_pass_axe_fit_a_phone_and_are_screenshot() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        ChromeDriver browser = Chromium.start(profile);
        try {
            Path shots = Path.of("target/screenshots");
            Files.createDirectories(shots);
            List<String> serious = new ArrayList<>();
            List<String> overflow = new ArrayList<>();
            for (String page : List.of("/organisation", "/organisation/" + A)) {
                for (String lang : List.of("es", "en")) {
                    String url = portal.url(page + "?lang=" + lang);
                    serious.addAll(Chromium.seriousAxeViolations(browser, url, page + " " + lang));
                    String o = Chromium.horizontalOverflow(browser, url, 390);
                    if (!o.isEmpty()) overflow.add(page + " " + lang + ": " + o);
                }
                for (int width : List.of(1280, 390)) {
                    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
                    try {
                        browser.get(portal.url(page + "?lang=es"));
                        String name = page.equals("/organisation") ? "list" : "page";
                        Files.write(shots.resolve("organisation-" + name + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
                    } finally {
                        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
                    }
                }
            }
            assertThat(serious).as("serious or critical axe-core violations").isEmpty();
            assertThat(overflow).as("pages wider than a phone").isEmpty();
        } finally {
            browser.quit();
        }
    }
}
