package mx.zocalo.server.web;

import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset page leads to the data: the preview's rows link to the resources they became, the classes are listed
 * with their counts and a paged list of each; the publishers' quality block comes after the data, folded.
 */
class DatasetPagesTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    static Path data;
    static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = new TestPortal(data);
        portal.publisher.publish(TestPortal.FIXTURE, false);
        portal.publisher.publish(FIXTURES.resolve("accidentes-sin-mapeo"), false);
        portal.publisher.publish(FIXTURES.resolve("pagos-sin-folio"), false);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    /** A row of the preview table: the link of its first column (null when none), the link's text, its cells. */
    record PreviewRow(String href, String label, List<String> cells) {}

    static List<PreviewRow> previewRows(String html) {
        Matcher table = Pattern.compile("<table class=\"preview\">(.*?)</table>", Pattern.DOTALL).matcher(html);
        assertThat(table.find()).as("a preview table").isTrue();
        String body = table.group(1).substring(table.group(1).indexOf("<tbody>"));
        List<PreviewRow> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (tr.find()) {
            Matcher head = Pattern.compile("<th scope=\"row\">(.*?)</th>", Pattern.DOTALL).matcher(tr.group(1));
            String href = null;
            String label = null;
            if (head.find()) {
                Matcher a = Pattern.compile("<a href=\"([^\"]+)\">([^<]*)</a>").matcher(head.group(1));
                if (a.find()) {
                    href = unescape(a.group(1));
                    label = unescape(a.group(2));
                }
            }
            List<String> cells = new ArrayList<>();
            Matcher td = Pattern.compile("<td>(.*?)</td>", Pattern.DOTALL).matcher(tr.group(1));
            while (td.find()) cells.add(unescape(td.group(1)));
            rows.add(new PreviewRow(href, label, cells));
        }
        return rows;
    }

    static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The data lines of a simple CSV fixture (no quoted cells), split into cells. */
    static List<String[]> csv(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    static String h1(String html) {
        Matcher m = Pattern.compile("<h1>(.*?)</h1>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        return unescape(m.group(1).strip());
    }

    /** The SPARQL results of {@code query} as CSV lines, without the header. */
    static List<String> sparqlCsv(String query) throws Exception {
        HttpResponse<String> r = portal.get("/sparql?query=" + enc(query), "text/csv");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().lines().skip(1).map(String::strip).toList();
    }

    @Test
    void preview_rows_of_a_mapped_table_link_to_the_resources_they_became() throws Exception {
        List<String[]> lines = csv(TestPortal.FIXTURE.resolve("pagos.csv"));
        List<PreviewRow> rows = previewRows(portal.get("/dataset/pagos-prueba", "text/html").body());
        assertThat(rows).hasSize(lines.size());
        for (int i = 0; i < rows.size(); i++) {
            String concept = lines.get(i)[2];
            PreviewRow row = rows.get(i);
            assertThat(row.cells()).as("row %d", i + 1).containsExactly(lines.get(i));
            // the link reads as the payment (its label is the concept) and leads to that payment's page
            assertThat(row.href()).as("row %d", i + 1).isNotNull().startsWith("/id/pagos-prueba/");
            assertThat(row.label()).isEqualTo(concept);
            HttpResponse<String> page = portal.get(row.href(), "text/html");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(h1(page.body())).isEqualTo(concept);
        }
    }

    @Test
    void preview_rows_of_a_table_without_mapping_link_to_their_row_resources() throws Exception {
        List<String[]> lines = csv(FIXTURES.resolve("accidentes-sin-mapeo/sct_71_accidentes_mes.csv"));
        List<PreviewRow> rows = previewRows(portal.get("/dataset/accidentes", "text/html").body());
        assertThat(rows).hasSize(10);
        Set<String> pages = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            PreviewRow row = rows.get(i);
            assertThat(row.href()).as("row %d", i + 1).isNotNull().startsWith("/id/accidentes/");
            pages.add(row.href());
            String body = portal.get(row.href(), "text/html").body();
            // the resource of this very row: its state and month
            assertThat(body).as("row %d", i + 1).contains(lines.get(i)[0], ">" + lines.get(i)[1] + "<");
        }
        assertThat(pages).hasSize(rows.size());
    }

    @Test
    void a_row_that_became_no_resource_stays_unlinked() throws Exception {
        List<String[]> lines = csv(FIXTURES.resolve("pagos-sin-folio/pagos.csv"));
        List<PreviewRow> rows = previewRows(portal.get("/dataset/pagos-sin-folio", "text/html").body());
        assertThat(rows).hasSize(lines.size());
        for (int i = 0; i < rows.size(); i++) {
            boolean hasId = !lines.get(i)[0].isEmpty();
            assertThat(rows.get(i).href() != null).as("row %d has a link", i + 1).isEqualTo(hasId);
            if (hasId) assertThat(rows.get(i).label()).isEqualTo(lines.get(i)[2]);
        }
        assertThat(lines).anyMatch(l -> l[0].isEmpty());
    }

    @Test
    void the_preview_scrolls_in_its_own_labelled_box_and_the_quality_block_comes_after_the_data_folded() throws Exception {
        String html = portal.get("/dataset/pagos-prueba", "text/html").body();
        assertThat(html).containsPattern("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"preview-caption\">\\s*<table class=\"preview\">");
        assertThat(html).contains("id=\"preview-caption\"");
        int preview = html.indexOf("<table class=\"preview\">");
        int classes = html.indexOf("<table class=\"classes\">");
        int quality = html.indexOf("id=\"quality\"");
        assertThat(preview).isPositive();
        assertThat(classes).isPositive();
        assertThat(quality).isGreaterThan(preview).isGreaterThan(classes);
        // folded: inside a <details> without "open"
        int details = html.lastIndexOf("<details", quality);
        assertThat(details).isGreaterThan(preview);
        assertThat(html.substring(details, html.indexOf('>', details) + 1)).isEqualTo("<details>");
        assertThat(html.indexOf("</details>", quality)).isGreaterThan(html.indexOf("<table class=\"quality\">", quality));
    }

    @Test
    void the_dataset_page_lists_its_classes_with_their_counts_and_a_link_to_browse_each() throws Exception {
        String html = portal.get("/dataset/pagos-prueba", "text/html").body();
        List<String> counts = sparqlCsv("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH <" + TestPortal.BASE
                + "graph/pagos-prueba> { ?s a ?c } } GROUP BY ?c");
        assertThat(counts).isNotEmpty();
        for (String line : counts) {
            String c = line.substring(0, line.lastIndexOf(','));
            String n = line.substring(line.lastIndexOf(',') + 1);
            assertThat(html).containsPattern(Pattern.quote("<a href=\"/dataset/pagos-prueba/browse?class=" + enc(c) + "\">")
                    + "[^<]+</a></th><td class=\"number\"><data value=\"" + n + "\">");
        }
    }

    @Test
    void browsing_a_class_lists_all_its_things_fifty_a_page_each_linked_to_its_page() throws Exception {
        // the most numerous class of the table without mapping: one thing per row
        List<String> counts = sparqlCsv("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH <" + TestPortal.BASE
                + "graph/accidentes> { ?s a ?c } } GROUP BY ?c ORDER BY DESC(?n) LIMIT 1");
        String c = counts.get(0).substring(0, counts.get(0).lastIndexOf(','));
        int n = Integer.parseInt(counts.get(0).substring(counts.get(0).lastIndexOf(',') + 1));
        assertThat(n).isGreaterThan(2 * ClassBrowser.PER_PAGE);
        Set<String> expected = new HashSet<>();
        for (String s : sparqlCsv("SELECT ?s WHERE { GRAPH <" + TestPortal.BASE + "graph/accidentes> { ?s a <" + c + "> } }")) {
            expected.add(portal.localPath(s));
        }

        int pages = (n + ClassBrowser.PER_PAGE - 1) / ClassBrowser.PER_PAGE;
        Map<String, String> seen = new LinkedHashMap<>();
        for (int page = 1; page <= pages; page++) {
            HttpResponse<String> r = portal.get("/dataset/accidentes/browse?class=" + enc(c) + "&page=" + page, "text/html");
            assertThat(r.statusCode()).as("page %d", page).isEqualTo(200);
            Matcher list = Pattern.compile("<ol class=\"things\" start=\"(\\d+)\">(.*?)</ol>", Pattern.DOTALL).matcher(r.body());
            assertThat(list.find()).isTrue();
            int from = (page - 1) * ClassBrowser.PER_PAGE + 1;
            assertThat(list.group(1)).isEqualTo(Integer.toString(from));
            Matcher a = Pattern.compile("<a href=\"([^\"]+)\" title=\"[^\"]*\">([^<]+)</a>").matcher(list.group(2));
            int onPage = 0;
            while (a.find()) {
                seen.put(unescape(a.group(1)), a.group(2));
                onPage++;
            }
            int to = Math.min(n, page * ClassBrowser.PER_PAGE);
            assertThat(onPage).as("page %d", page).isEqualTo(to - from + 1);
            assertThat(r.body()).contains(from + "–" + to + " de " + n);
            if (page < pages) assertThat(r.body()).contains("rel=\"next\"");
            if (page > 1) assertThat(r.body()).contains("rel=\"prev\"");
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        String first = seen.keySet().iterator().next();
        assertThat(portal.get(first, "text/html").statusCode()).isEqualTo(200);
        assertThat(seen.values()).allSatisfy(label -> assertThat(label).isNotBlank());
    }

    @Test
    void browsing_answers_bad_requests_with_the_right_status() throws Exception {
        String c = sparqlCsv("SELECT ?c WHERE { GRAPH <" + TestPortal.BASE + "graph/pagos-prueba> { ?s a ?c } } LIMIT 1").get(0);
        String base = "/dataset/pagos-prueba/browse?class=" + enc(c);
        assertThat(portal.get(base, "text/html").statusCode()).isEqualTo(200);
        assertThat(portal.get(base + "&page=2", "text/html").statusCode()).isEqualTo(404);
        assertThat(portal.get(base + "&page=0", "text/html").statusCode()).isEqualTo(400);
        assertThat(portal.get(base + "&page=dos", "text/html").statusCode()).isEqualTo(400);
        assertThat(portal.get("/dataset/pagos-prueba/browse?class=" + enc("http://example.org/Nada"), "text/html").statusCode()).isEqualTo(404);
        assertThat(portal.get("/dataset/no-existe/browse?class=" + enc(c), "text/html").statusCode()).isEqualTo(404);
        HttpResponse<String> noClass = portal.get("/dataset/pagos-prueba/browse", "text/html");
        assertThat(noClass.statusCode()).isEqualTo(303);
        assertThat(noClass.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/dataset/pagos-prueba#contents"));
    }

    @Test
    void the_folder_kept_for_the_preview_is_no_download() throws Exception {
        assertThat(portal.get("/download/pagos-prueba.bin", null).statusCode()).isEqualTo(404);
    }
}
