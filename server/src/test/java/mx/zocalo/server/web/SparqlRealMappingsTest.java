package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbench's example queries for the bundled datasets in {@code ../mappings}: each runs and finds something. */
class SparqlRealMappingsTest {
    @TempDir
    static Path data;
    static TestPortal portal;

    @BeforeAll
    static void publish() {
        assumeTrue(Files.isDirectory(RealMappingsTest.MAPPINGS), "no ../mappings folder");
        portal = new TestPortal(data);
        portal.publisher.publishAll(RealMappingsTest.MAPPINGS, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    @Test
    void every_example_query_of_every_dataset_runs_and_finds_rows() throws Exception {
        for (String lang : new String[] {"es", "en"}) {
            String page = portal.get("/sparql?lang=" + lang, "text/html").body();
            Matcher m = Pattern.compile("class=\"example\" href=\"([^\"]+)\"[^>]*>([^<]+)<").matcher(page);
            int n = 0;
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&");
                HttpResponse<String> r = portal.get(link, "application/sparql-results+json");
                assertThat(r.statusCode()).as(m.group(2) + " " + link).isEqualTo(200);
                long rows = ResultSetFormatter.consume(ResultSetMgr.read(
                        new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON));
                assertThat(rows).as(m.group(2)).isGreaterThan(0);
                n++;
            }
            assertThat(n).isGreaterThanOrEqualTo(2 + 3 * 3);
        }
    }
}
