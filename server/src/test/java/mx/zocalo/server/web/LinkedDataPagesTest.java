package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dereferencing, conditional GET, compression, the page cache and readable resource pages, over HTTP. */
class LinkedDataPagesTest {
    static final String PAGO = "/id/pagos-prueba/pago/1";

    @TempDir
    static Path data;
    static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = new TestPortal(data);
        portal.publisher.publish(TestPortal.FIXTURE, false);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static HttpResponse<String> send(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(portal.url(path))).GET();
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return portal.http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String supplierPath() throws Exception {
        String q = "SELECT ?s WHERE { ?s a <https://datos.example.mx/def/zocalo#Proveedor> ; "
                + "<http://www.w3.org/2000/01/rdf-schema#label> \"Papelería Núñez\" }";
        String iri = portal.get("/sparql?query=" + TestPortal.enc(q), "text/csv").body().lines().skip(1).findFirst().orElseThrow();
        return URI.create(iri.replace(" ", "%20")).toASCIIString().substring(TestPortal.BASE.length() - 1);
    }

    @Test
    void resource_page_shows_labels_formatted_values_and_its_dataset_in_spanish() throws Exception {
        HttpResponse<String> r = send(PAGO, "Accept", "text/html", "Accept-Language", "es-MX");
        String body = r.body();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body).contains("<h1>Papel para oficina</h1>",
                "<data value=\"1520.5\" title=\"1520.5\">1,520.5</data>",
                "<time datetime=\"2024-01-15\" title=\"2024-01-15\">15 de enero de 2024</time>",
                ">Papelería Núñez</a>",                                   // the linked supplier by its label
                "href=\"/dataset/pagos-prueba\">Pagos a proveedores (prueba)</a>", // the dataset it belongs to
                ">tipo</a>", ">monto</a>", "<span lang=\"es\">Papel para oficina</span>");
        assertThat(body).doesNotContain("zocalo:monto");
    }

    @Test
    void resource_page_in_english_formats_for_english_readers() throws Exception {
        String body = send(PAGO + "?lang=en", "Accept", "text/html").body();
        assertThat(body).contains("<html lang=\"en\"", "January 15, 2024", ">1,520.5</data>", "Part of", "Payments to suppliers (test)");
    }

    @Test
    void blank_nodes_are_expanded_inline() throws Exception {
        var g = portal.iris.datasetGraph("pagos-prueba");
        var pago = org.apache.jena.graph.NodeFactory.createURI(TestPortal.BASE + "id/pagos-prueba/pago/4");
        var b = org.apache.jena.graph.NodeFactory.createBlankNode();
        var nota = org.apache.jena.graph.NodeFactory.createURI(TestPortal.BASE + "def/zocalo#nota");
        portal.store.write(dsg -> {
            dsg.add(g, pago, nota, b);
            dsg.add(g, b, org.apache.jena.vocabulary.RDFS.label.asNode(), org.apache.jena.graph.NodeFactory.createLiteralLang("nota interna", "es"));
        });
        String body = send("/id/pagos-prueba/pago/4?bnode", "Accept", "text/html").body();
        assertThat(body).contains("<dl class=\"blank\"><dt>nombre</dt><dd><ul class=\"values\"><li><span lang=\"es\">nota interna</span>");
        // and the RDF description carries the blank node's triples
        assertThat(send("/id/pagos-prueba/pago/4.nt?bnode").body()).contains("\"nota interna\"@es");
    }

    @Test
    void choosing_a_language_sets_one_cookie_even_from_the_cache() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = send(PAGO + "?lang=en", "Accept", "text/html");
            assertThat(r.headers().allValues("Set-Cookie")).hasSize(1).allSatisfy(c -> assertThat(c).startsWith("zocalo_lang=en"));
        }
    }

    @Test
    void incoming_links_are_counted_per_property_and_paged() throws Exception {
        String path = supplierPath();
        String body = send(path, "Accept", "text/html").body();
        assertThat(body).contains("Recursos que enlazan aquí (2)", ">proveedor</a></th><td>2</td>",
                ">Papel para oficina</a>", ">Tóner para impresoras</a>", "página 1 / 1");
        String page2 = send(path + "?in_page=2", "Accept", "text/html").body();
        assertThat(page2).contains("página 2 / 1").doesNotContain(">Tóner para impresoras</a>");
    }

    @Test
    void a_long_list_of_values_is_paged_in_place_and_links_to_all_of_them() throws Exception {
        org.apache.jena.graph.Node list = org.apache.jena.graph.NodeFactory.createURI(TestPortal.BASE + "id/pagos-prueba/lista");
        String valor = TestPortal.BASE + "def/zocalo#valor";
        portal.store.write(dsg -> {
            for (int i = 1; i <= 120; i++) {
                dsg.add(portal.iris.datasetGraph("pagos-prueba"), list, org.apache.jena.graph.NodeFactory.createURI(valor),
                        org.apache.jena.graph.NodeFactory.createLiteralString(String.format("v%03d", i)));
            }
        });
        String first = send("/id/pagos-prueba/lista", "Accept", "text/html").body();
        assertThat(first).contains("v001", "v050", "Valores 1 a 50 de 120", "rel=\"next\"", "Ver todos los valores (120)")
                .doesNotContain("v051", "rel=\"prev\"");
        String next = "?values=" + TestPortal.enc(valor) + "&amp;values_page=2#values-";
        assertThat(first).contains(next);
        String second = send("/id/pagos-prueba/lista?values=" + TestPortal.enc(valor) + "&values_page=2", "Accept", "text/html").body();
        assertThat(second).contains("v051", "v100", "Valores 51 a 100 de 120", "rel=\"prev\"", "rel=\"next\"")
                .doesNotContain("v050<", "v101");
        String last = send("/id/pagos-prueba/lista?values=" + TestPortal.enc(valor) + "&values_page=9&lang=en", "Accept", "text/html").body();
        assertThat(last).contains("v120", "Values 101 to 120 of 120", "rel=\"prev\"").doesNotContain("v100<", "rel=\"next\"");
    }

    @Test
    void language_switch_keeps_the_page_and_its_query() throws Exception {
        String body = send(PAGO + "?in_page=1", "Accept", "text/html").body();
        assertThat(body).contains("href=\"" + PAGO + "?in_page=1&amp;lang=en\"");
    }

    @Test
    void every_format_by_extension_and_by_accept_with_vary_and_alternate_links() throws Exception {
        for (String ext : List.of("ttl", "nt", "jsonld", "rdf", "html")) {
            HttpResponse<String> r = send(PAGO + "." + ext);
            assertThat(r.statusCode()).as(ext).isEqualTo(200);
        }
        HttpResponse<String> r = send(PAGO, "Accept", "application/rdf+xml;q=0.5, text/turtle;q=0.9, */*;q=0.1");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/turtle"));
        assertThat(String.join(",", r.headers().allValues("Vary"))).contains("Accept");
        String links = String.join(", ", r.headers().allValues("Link"));
        for (String t : List.of("text/html", "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")) {
            assertThat(links).contains("rel=\"alternate\"; type=\"" + t + "\"");
        }
        HttpResponse<String> no = send(PAGO, "Accept", "image/png");
        assertThat(no.statusCode()).isEqualTo(406);
        assertThat(no.body()).contains("text/turtle", "application/ld+json");
    }

    @Test
    void not_found_pages_in_spanish_and_english() throws Exception {
        HttpResponse<String> es = send("/id/pagos-prueba/pago/999", "Accept", "text/html");
        assertThat(es.statusCode()).isEqualTo(404);
        assertThat(es.body()).contains("<html lang=\"es\"", "No encontrado", "No hay nada publicado en esta dirección")
                .doesNotContain("Nothing is known");
        HttpResponse<String> en = send("/id/pagos-prueba/pago/999", "Accept", "text/html", "Accept-Language", "en");
        assertThat(en.body()).contains("<html lang=\"en\"", "Not found", "Nothing is published at this address");
    }

    @Test
    void head_answers_the_headers_of_get_without_a_body() throws Exception {
        HttpResponse<String> head = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(PAGO)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", "text/turtle").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("ETag")).isPresent();
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/turtle"));
    }

    @Test
    void conditional_get_answers_304_until_a_publish_changes_the_version() throws Exception {
        HttpResponse<String> first = send(PAGO, "Accept", "text/turtle");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String modified = first.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = send(PAGO, "Accept", "text/turtle", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(send(PAGO, "Accept", "text/turtle", "If-Modified-Since", modified).statusCode()).isEqualTo(304);
        // another representation has another validator
        String htmlTag = send(PAGO, "Accept", "text/html").headers().firstValue("ETag").orElseThrow();
        assertThat(htmlTag).isNotEqualTo(etag);

        Thread.sleep(1100); // Last-Modified has whole seconds
        portal.publisher.publish(TestPortal.FIXTURE, true);
        HttpResponse<String> after = send(PAGO, "Accept", "text/turtle", "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertThat(send(PAGO, "Accept", "text/turtle", "If-Modified-Since", modified).statusCode()).isEqualTo(200);
    }

    @Test
    void second_request_for_a_page_comes_from_the_cache() throws Exception {
        String path = "/id/pagos-prueba/pago/2?cache-test";
        HttpResponse<String> first = send(path, "Accept", "text/html");
        HttpResponse<String> second = send(path, "Accept", "text/html");
        assertThat(first.headers().firstValue("X-Cache")).isEmpty();
        assertThat(second.headers().firstValue("X-Cache")).hasValue("hit");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(second.headers().allValues("Link")).isEqualTo(first.headers().allValues("Link"));
    }

    @Test
    void pages_are_gzipped_when_the_client_accepts_it() throws Exception {
        HttpResponse<byte[]> r = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(PAGO)))
                .header("Accept", "text/html").header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String html = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(html).contains("Papel para oficina");
    }

    @Test
    void curl_sees_vary_etag_304_gzip_and_links() throws Exception {
        Path curl = Path.of("/usr/bin/curl");
        assumeTrue(Files.isExecutable(curl), "no curl");
        String url = portal.url(PAGO);
        String headers = run(curl.toString(), "-s", "-D", "-", "-o", "/dev/null", "-H", "Accept: text/html", "--compressed", url);
        assertThat(headers).containsIgnoringCase("vary: Accept").containsIgnoringCase("content-encoding: gzip")
                .containsIgnoringCase("link: <").containsIgnoringCase("last-modified: ");
        String etag = headers.lines().filter(l -> l.toLowerCase().startsWith("etag:")).findFirst().orElseThrow().substring(5).trim();
        String status = run(curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Accept: text/html",
                "-H", "If-None-Match: " + etag, "--compressed", url);
        assertThat(status).isEqualTo("304");
    }

    @Test
    void python_rdflib_reads_the_same_graph_in_every_format() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no system Python");
        assumeTrue(new ProcessBuilder(python.toString(), "-c", "import rdflib").start().waitFor() == 0, "python3-rdflib is not installed");
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "src/test/resources/python/dereference.py", portal.url("/")));
        cmd.addAll(List.of(PAGO, supplierPath(), "/dataset/pagos-prueba", "/dataset/pagos-prueba/distribution/csv",
                "/publisher/tesoreria-municipal-de-prueba", "/def/zocalo"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("OK 6 resources");
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
