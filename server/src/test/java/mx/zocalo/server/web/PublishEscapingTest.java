package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.publish.Upload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTML and script in every metadata field published through the API come out escaped: pages, catalog, search, JSON-LD. */
class PublishEscapingTest {
    static final String EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";

    @TempDir
    Path data;

    @Test
    void html_in_every_field_is_escaped_everywhere() throws Exception {
        try (PublishClient portal = new PublishClient(data, Upload.Limits.defaults())) {
            String e = com.fasterxml.jackson.databind.node.TextNode.valueOf(EVIL).toString();
            String metadata = "{\"slug\":\"malicioso\",\"title\":{\"es\":" + e + ",\"en\":" + e + "},\"description\":{\"es\":" + e + ",\"en\":" + e
                    + "},\"keywords\":{\"es\":[" + e + "],\"en\":[" + e + "]},\"publisher\":{\"name\":" + e + ",\"homepage\":\"https://x.mx/\"},"
                    + "\"contact\":{\"name\":" + e + ",\"email\":\"a@b.mx\",\"url\":\"https://x.mx/c\"},\"themes\":[\"ECON\"]}";
            HttpResponse<String> r = portal.send("POST", "/api/datasets", portal.admin, new PublishClient.Body()
                    .field("metadata", metadata).file("file", PublishApiTest.ACCIDENTS));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            for (String path : new String[] {"/dataset/malicioso", "/dataset/malicioso?lang=en", "/catalog", "/", "/dataset/malicioso/explore"}) {
                String html = portal.get(path, "text/html").body();
                assertThat(html).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x");
                assertThat(html).as(path).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
                Matcher m = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL).matcher(html);
                while (m.find()) {
                    assertThat(m.group(1)).as(path + " JSON-LD").doesNotContain("<").doesNotContain(">");
                    if (path.startsWith("/dataset/malicioso")) {
                        assertThat(PublishApiTest.JSON.readTree(m.group(1)).path("name").asText()).as("the same value for JSON-LD readers").isEqualTo(EVIL);
                    }
                }
            }
            // the search index catches up in the background
            String found = "";
            for (int i = 0; i < 100 && !found.contains("malicioso"); i++) {
                HttpResponse<String> s = portal.get("/search?q=alert", "text/html");
                found = s.statusCode() == 200 ? s.body() : "";
                if (!found.contains("malicioso")) Thread.sleep(200);
            }
            assertThat(found).contains("/dataset/malicioso").doesNotContain("<script>alert").doesNotContain("<img src=x");
            // links that are not http(s) are refused, not published as hrefs
            HttpResponse<String> js = portal.send("POST", "/api/datasets", portal.admin, new PublishClient.Body()
                    .field("metadata", "{\"slug\":\"js\",\"title\":\"x\",\"license\":\"javascript:alert(1)\"}").file("file", PublishApiTest.ACCIDENTS));
            assertThat(js.statusCode()).isEqualTo(422);
            assertThat(js.body()).contains("\"field\":\"license\"");
        }
    }
}
