package mx.zocalo.server.web;

import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.DescriptionReader;
import mx.zocalo.server.publish.PublishOutcome;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled demo datasets in {@code ../mappings}, published and served like {@code zocalo demo} does. */
class RealMappingsTest {
    static final Path MAPPINGS = Path.of("../mappings");

    @TempDir
    static Path data;
    static TestPortal portal;
    static List<String> slugs;
    static List<PublishOutcome> published;

    @BeforeAll
    static void publishAll() throws Exception {
        assumeTrue(Files.isDirectory(MAPPINGS), "no ../mappings folder");
        try (Stream<Path> s = Files.list(MAPPINGS)) {
            slugs = s.filter(p -> Files.isRegularFile(p.resolve("dataset.yaml")))
                    .map(p -> DescriptionReader.read(p).slug()).sorted().toList();
        }
        assumeTrue(!slugs.isEmpty(), "no datasets in ../mappings");
        portal = new TestPortal(data);
        published = portal.publisher.publishAll(MAPPINGS, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    @Test
    void every_bundled_dataset_publishes() {
        assertThat(published).extracting(PublishOutcome::slug).containsExactlyInAnyOrderElementsOf(slugs);
        assertThat(published).allSatisfy(o -> assertThat(o.triples()).as(o.slug()).isGreaterThan(0));
    }

    @Test
    void home_lists_every_bundled_dataset() throws Exception {
        String body = portal.get("/", "text/html").body();
        for (String slug : slugs) assertThat(body).contains("href=\"/dataset/" + slug + "\"");
    }

    @Test
    void every_dataset_page_renders_in_both_languages_with_a_preview() throws Exception {
        for (String slug : slugs) {
            HttpResponse<String> es = portal.get("/dataset/" + slug, "text/html");
            assertThat(es.statusCode()).as(slug).isEqualTo(200);
            assertThat(es.body()).as(slug).contains("<table class=\"preview\"", "/sparql?query=");
            assertThat(portal.get("/dataset/" + slug + "?lang=en", "text/html").body()).as(slug).contains("lang=\"en\"");
        }
    }

    @Test
    void every_dataset_record_is_dcat_in_turtle() throws Exception {
        for (String slug : slugs) {
            Graph g = PortalServerTest.parse(portal.get("/dataset/" + slug, "text/turtle").body(), Lang.TURTLE);
            assertThat(g.contains(NodeFactory.createURI(TestPortal.BASE + "dataset/" + slug), RDF.type.asNode(), DCAT.Dataset.asNode()))
                    .as(slug).isTrue();
        }
    }

    @Test
    void every_sample_query_runs() throws Exception {
        for (String slug : slugs) {
            String page = portal.get("/dataset/" + slug, "text/html").body();
            int i = page.indexOf("/sparql?query=");
            String link = page.substring(i, page.indexOf('"', i)).replace("&amp;", "&");
            HttpResponse<String> r = portal.get(link, "application/sparql-results+json");
            assertThat(r.statusCode()).as(slug + " " + link).isEqualTo(200);
            assertThat(r.body()).as(slug).contains("\"bindings\"");
        }
    }

    @Test
    void sparql_counts_the_triples_of_every_dataset() throws Exception {
        for (String slug : slugs) {
            String q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + TestPortal.BASE + "graph/" + slug + "> { ?s ?p ?o } }";
            List<String> lines = portal.get("/sparql?query=" + enc(q), "text/csv").body().lines().toList();
            assertThat(Long.parseLong(lines.get(1))).as(slug).isGreaterThan(0);
        }
    }

    /** Every page of the catalog, merged. */
    static Graph wholeCatalog(String format, Lang lang) throws Exception {
        Graph all = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        String next = "/catalog";
        int pages = 0;
        while (next != null && pages++ < 1000) {
            HttpResponse<String> r = portal.get(next, format);
            assertThat(r.statusCode()).as(next).isEqualTo(200);
            Graph page = PortalServerTest.parse(r.body(), lang);
            page.find().forEach(all::add);
            var it = page.find(Node.ANY, NodeFactory.createURI(HYDRA + "next"), Node.ANY);
            next = it.hasNext() ? portal.localPath(it.next().getObject().getURI()) : null;
        }
        return all;
    }

    static final String HYDRA = "http://www.w3.org/ns/hydra/core#";

    @Test
    void the_whole_catalog_has_no_dcat_ap_violations_and_its_warnings_are_reported() throws Exception {
        Graph catalog = wholeCatalog("text/turtle", Lang.TURTLE);

        ValidationReport mandatory = DcatApShapes.mandatory(catalog);
        ValidationReport recommended = DcatApShapes.recommended(catalog);
        System.out.println("DCAT-AP 3.0.1 (shapes.ttl + range.ttl): " + mandatory.getEntries().size() + " violations");
        DcatApShapes.summary(mandatory).forEach((k, n) -> System.out.println("  " + n + " x " + k));
        System.out.println("DCAT-AP 3.0.1 recommended (shapes_recommended.ttl): " + recommended.getEntries().size() + " warnings");
        DcatApShapes.summary(recommended).forEach((k, n) -> System.out.println("  " + n + " x " + k));

        assertThat(listed(catalog).toList()).hasSize(slugs.size());
        assertThat(DcatApShapes.summary(mandatory)).isEmpty();
        assertThat(mandatory.conforms()).isTrue();
    }

    @Test
    void every_download_has_the_size_and_sha256_the_catalog_gives() throws Exception {
        Graph catalog = wholeCatalog("text/turtle", Lang.TURTLE);
        Node checksumValue = NodeFactory.createURI("http://spdx.org/rdf/terms#checksumValue");
        for (String slug : slugs) {
            boolean table = DescriptionReader.read(MAPPINGS.resolve(slug)).source().table(); // JSON: no CSVW
            for (String ext : table ? List.of("ttl", "nt", "jsonld", "rdf", "csv-metadata.json") : List.of("ttl", "nt", "jsonld", "rdf")) {
                Node dist = NodeFactory.createURI(TestPortal.BASE + "dataset/" + slug + "/distribution/"
                        + (ext.equals("csv-metadata.json") ? "csvw" : ext));
                long size = Long.parseLong(catalog.find(dist, DCAT.byteSize.asNode(), Node.ANY).next().getObject().getLiteralLexicalForm());
                String sha = catalog.find(NodeFactory.createURI(dist.getURI() + "#checksum"), checksumValue, Node.ANY).next()
                        .getObject().getLiteralLexicalForm();
                HttpResponse<byte[]> r = portal.bytes("/download/" + slug + "." + ext);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat((long) r.body().length).as(slug + "." + ext).isEqualTo(size);
                assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(r.body())))
                        .as(slug + "." + ext).isEqualTo(sha);
            }
        }
    }

    @Test
    void every_dataset_has_csvw_metadata_describing_its_original_table() throws Exception {
        for (String slug : slugs) {
            HttpResponse<String> r = portal.get("/download/" + slug + ".csv-metadata.json", null);
            if (!DescriptionReader.read(MAPPINGS.resolve(slug)).source().table()) {
                assertThat(r.statusCode()).as(slug + ": a JSON source has no CSVW metadata").isEqualTo(404);
                continue;
            }
            assertThat(r.statusCode()).as(slug).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/csvm+json");
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            assertThat(json.get("@context").toString()).contains("http://www.w3.org/ns/csvw");
            assertThat(json.get("url").asText()).startsWith(slug + ".");
            assertThat(json.get("tableSchema").get("columns").size()).as(slug).isGreaterThan(2);
        }
    }

    @Test
    void the_json_ld_download_is_the_same_graph_as_the_n_triples_one() throws Exception {
        String slug = "cuenta-publica";
        Graph nt = PortalServerTest.parse(new String(portal.bytes("/download/" + slug + ".nt").body(), java.nio.charset.StandardCharsets.UTF_8), Lang.NTRIPLES);
        Graph jsonld = PortalServerTest.parse(new String(portal.bytes("/download/" + slug + ".jsonld").body(), java.nio.charset.StandardCharsets.UTF_8), Lang.JSONLD);
        Graph rdfxml = PortalServerTest.parse(new String(portal.bytes("/download/" + slug + ".rdf").body(), java.nio.charset.StandardCharsets.UTF_8), Lang.RDFXML);
        assertThat(nt.size()).isGreaterThan(30_000);
        assertThat(jsonld.isIsomorphicWith(nt)).isTrue();
        assertThat(rdfxml.isIsomorphicWith(nt)).isTrue();
    }

    @Test
    void the_catalog_in_pages_of_one_links_first_previous_next_and_last_and_each_page_is_valid_in_every_format() throws Exception {
        Set<Node> seen = new java.util.HashSet<>();
        String next = "/catalog?pageSize=1";
        int pages = 0;
        while (next != null) {
            pages++;
            for (String[] f : new String[][] {{"application/n-triples", "NTRIPLES"}, {"application/ld+json", "JSONLD"},
                    {"application/rdf+xml", "RDFXML"}}) {
                Graph other = PortalServerTest.parse(portal.get(next, f[0]).body(), org.apache.jena.riot.RDFLanguages.nameToLang(f[1]));
                assertThat(listed(other).toList()).as(next + " " + f[0]).hasSize(1);
            }
            Graph page = PortalServerTest.parse(portal.get(next, "text/turtle").body(), Lang.TURTLE);
            List<Node> datasets = listed(page).mapWith(t -> t.getSubject()).toList();
            assertThat(datasets).as(next).hasSize(1);
            assertThat(seen.add(datasets.get(0))).as("each dataset on one page only").isTrue();
            assertThat(DcatApShapes.summary(DcatApShapes.mandatory(page))).as("violations on " + next).isEmpty();
            Node catalog = NodeFactory.createURI(TestPortal.BASE + "catalog");
            assertThat(page.find(catalog, NodeFactory.createURI(HYDRA + "totalItems"), Node.ANY).next().getObject().getLiteralValue())
                    .isEqualTo(slugs.size());
            Node view = page.find(catalog, NodeFactory.createURI(HYDRA + "view"), Node.ANY).next().getObject();
            assertThat(view.getURI()).isEqualTo(TestPortal.BASE + "catalog?page=" + pages + "&pageSize=1");
            assertThat(page.contains(view, NodeFactory.createURI(HYDRA + "first"), NodeFactory.createURI(TestPortal.BASE + "catalog?page=1&pageSize=1"))).isTrue();
            assertThat(page.contains(view, NodeFactory.createURI(HYDRA + "last"),
                    NodeFactory.createURI(TestPortal.BASE + "catalog?page=" + slugs.size() + "&pageSize=1"))).isTrue();
            assertThat(page.find(view, NodeFactory.createURI(HYDRA + "previous"), Node.ANY).hasNext()).isEqualTo(pages > 1);
            var it = page.find(view, NodeFactory.createURI(HYDRA + "next"), Node.ANY);
            next = it.hasNext() ? portal.localPath(it.next().getObject().getURI()) : null;
        }
        assertThat(pages).isEqualTo(slugs.size());
        assertThat(seen).hasSize(slugs.size());
    }

    @Test
    void behind_a_reverse_proxy_the_page_links_use_the_forwarded_address() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.url("/catalog?pageSize=1&page=2")))
                .header("Accept", "text/turtle").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "datos.monterrey.gob.mx").header("X-Forwarded-Prefix", "/portal").build();
        String body = portal.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Graph page = PortalServerTest.parse(body, Lang.TURTLE);
        Node view = NodeFactory.createURI("https://datos.monterrey.gob.mx/portal/catalog?page=2&pageSize=1");
        assertThat(page.contains(view, NodeFactory.createURI(HYDRA + "next"),
                NodeFactory.createURI("https://datos.monterrey.gob.mx/portal/catalog?page=3&pageSize=1"))).isTrue();
        assertThat(page.contains(view, NodeFactory.createURI(HYDRA + "previous"),
                NodeFactory.createURI("https://datos.monterrey.gob.mx/portal/catalog?page=1&pageSize=1"))).isTrue();
    }

    @Test
    void the_catalog_filters_by_words_without_accents_and_by_modification_date() throws Exception {
        Graph crime = PortalServerTest.parse(portal.get("/catalog?q=" + enc("DELITOS estatal"), "text/turtle").body(), Lang.TURTLE);
        assertThat(listed(crime).mapWith(t -> t.getSubject().getURI()).toList())
                .containsExactly(TestPortal.BASE + "dataset/incidencia-delictiva-estatal");
        Graph none = PortalServerTest.parse(portal.get("/catalog?q=zzzz", "text/turtle").body(), Lang.TURTLE);
        assertThat(listed(none).toList()).isEmpty();
        // records are modified when published, i.e. today
        Graph recent = PortalServerTest.parse(portal.get("/catalog?modified_since=2020-01-01", "text/turtle").body(), Lang.TURTLE);
        assertThat(listed(recent).toList()).hasSize(slugs.size());
        Graph future = PortalServerTest.parse(portal.get("/catalog?modified_since=2999-01-01T00:00:00Z", "text/turtle").body(), Lang.TURTLE);
        assertThat(listed(future).toList()).isEmpty();
        assertThat(portal.get("/catalog?modified_since=ayer", "text/turtle").statusCode()).isEqualTo(400);
        assertThat(portal.get("/catalog?pageSize=0", "text/turtle").statusCode()).isEqualTo(400);
    }

    @Test
    void the_html_catalog_is_paged_and_searchable() throws Exception {
        String page1 = portal.get("/catalog?pageSize=2", "text/html").body();
        assertThat(page1).contains("1 / 3", "rel=\"next\"", "href=\"/catalog?page=2&amp;pageSize=2\"", "type=\"search\""); // five bundled datasets
        String found = portal.get("/catalog?q=localidades", "text/html").body();
        assertThat(found).contains("href=\"/dataset/localidades-nuevo-leon\"").doesNotContain("href=\"/dataset/cuenta-publica\"");
    }

    @Test
    void dataset_pages_embed_schema_org_json_ld_and_a_metadata_quality_score() throws Exception {
        String page = portal.get("/dataset/cuenta-publica", "text/html").body();
        int start = page.indexOf("<script type=\"application/ld+json\">") + "<script type=\"application/ld+json\">".length();
        String json = page.substring(start, page.indexOf("</script>", start));
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(node.get("@type").asText()).isEqualTo("Dataset");
        assertThat(node.get("name").asText()).startsWith("Cuenta Pública");
        assertThat(node.get("distribution").size()).isGreaterThanOrEqualTo(5);
        assertThat(node.get("distribution").get(0).get("contentUrl").asText()).startsWith(TestPortal.BASE + "download/");
        assertThat(node.get("@context").asText()).isEqualTo("https://schema.org/");
        assertThat(node.get("@id").asText()).isEqualTo(TestPortal.BASE + "dataset/cuenta-publica");
        assertThat(page).contains("id=\"quality\"", "/ 405", "(+");
        assertThat(portal.get("/dataset/cuenta-publica?lang=en", "text/html").body()).contains("Metadata quality", "Findability");
    }

    @Test
    void robots_sitemap_and_well_known_void_tell_crawlers_where_things_are() throws Exception {
        assertThat(portal.get("/robots.txt", null).body()).contains("Sitemap: " + TestPortal.BASE + "sitemap.xml", "Disallow: /sparql");
        String sitemap = portal.get("/sitemap.xml", null).body();
        for (String slug : slugs) assertThat(sitemap).contains("<loc>" + TestPortal.BASE + "dataset/" + slug + "</loc>");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(sitemap.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        HttpResponse<String> v = portal.get("/.well-known/void", "text/turtle");
        assertThat(v.statusCode()).isEqualTo(200);
        Graph voidGraph = PortalServerTest.parse(v.body(), Lang.TURTLE);
        Node portalDataset = NodeFactory.createURI(TestPortal.BASE + ".well-known/void#portal");
        assertThat(voidGraph.find(portalDataset, NodeFactory.createURI("http://rdfs.org/ns/void#subset"), Node.ANY).toList()).hasSize(slugs.size());
        long total = 0;
        for (String slug : slugs) {
            Node ds = NodeFactory.createURI(TestPortal.BASE + "dataset/" + slug);
            total += Long.parseLong(voidGraph.find(ds, NodeFactory.createURI("http://rdfs.org/ns/void#triples"), Node.ANY).next()
                    .getObject().getLiteralLexicalForm());
            assertThat(voidGraph.find(ds, NodeFactory.createURI("http://rdfs.org/ns/void#classPartition"), Node.ANY).hasNext()).as(slug).isTrue();
        }
        // the figures VoID gives are the store's
        String q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"" + TestPortal.BASE + "graph/\") "
                + "&& ?g != <" + TestPortal.BASE + "graph/catalog> && ?g != <" + TestPortal.BASE + "graph/vocabularies>) }";
        List<String> lines = portal.get("/sparql?query=" + enc(q), "text/csv").body().lines().toList();
        assertThat(total).isEqualTo(Long.parseLong(lines.get(1).strip()));
    }

    @Test
    void python_rdflib_parses_every_catalog_page_in_every_format() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no system Python");
        Process check = new ProcessBuilder(python.toString(), "-c", "import rdflib").start();
        assumeTrue(check.waitFor() == 0, "python3-rdflib is not installed (.ci/run installs it)");
        Process p = new ProcessBuilder(python.toString(), "src/test/resources/python/parse_catalog.py",
                portal.url("/catalog?pageSize=1"), portal.url("/"), TestPortal.BASE).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("OK " + slugs.size() + " pages " + slugs.size() + " datasets");
    }

    /** Home, catalog, workbench, and for each dataset its page, one of its things and the first page of its largest class. */
    static List<String> realPages() throws Exception {
        List<String> pages = new java.util.ArrayList<>(List.of("/", "/catalog", "/sparql", "/?lang=en"));
        for (String slug : slugs) {
            pages.add("/dataset/" + slug);
            // a thing of the dataset: one subject of its graph with a class
            String q = "SELECT ?s WHERE { GRAPH <" + TestPortal.BASE + "graph/" + slug + "> { ?s a ?c } } ORDER BY ?s LIMIT 1";
            String iri = portal.get("/sparql?query=" + enc(q), "text/csv").body().lines().skip(1).findFirst().orElseThrow().strip();
            pages.add(java.net.URI.create(iri.replace(" ", "%20")).toASCIIString().substring(TestPortal.BASE.length() - 1));
            String largest = "SELECT ?c (COUNT(?s) AS ?n) WHERE { GRAPH <" + TestPortal.BASE + "graph/" + slug + "> { ?s a ?c } } "
                    + "GROUP BY ?c ORDER BY DESC(?n) LIMIT 1";
            String line = portal.get("/sparql?query=" + enc(largest), "text/csv").body().lines().skip(1).findFirst().orElseThrow();
            pages.add("/dataset/" + slug + "/browse?class=" + enc(line.substring(0, line.lastIndexOf(','))));
        }
        return pages;
    }

    @Test
    void the_real_datasets_pages_have_no_serious_or_critical_axe_violations(@TempDir Path profile) throws Exception {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        List<String> pages = realPages();
        org.openqa.selenium.chrome.ChromeDriver browser = Chromium.start(profile);
        try {
            List<String> serious = new java.util.ArrayList<>();
            for (String page : pages) serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(page), page));
            assertThat(serious).as("serious or critical axe-core violations").isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void the_real_datasets_pages_fit_a_phone_390_pixels_wide(@TempDir Path profile) throws Exception {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        List<String> pages = new java.util.ArrayList<>(realPages());
        for (String slug : slugs) pages.add("/dataset/" + slug + "?lang=en");
        org.openqa.selenium.chrome.ChromeDriver browser = Chromium.start(profile);
        try {
            List<String> overflowing = new java.util.ArrayList<>();
            for (String page : pages) {
                String overflow = Chromium.horizontalOverflow(browser, portal.url(page), 390);
                if (!overflow.isEmpty()) overflowing.add(page + ": " + overflow);
            }
            assertThat(overflowing).as("pages wider than a 390 px screen").isEmpty();
        } finally {
            browser.quit();
        }
    }

    /** The datasets typed dcat:Dataset in {@code g}, but versions of a dataset (described with it, not listed). */
    static org.apache.jena.util.iterator.ExtendedIterator<org.apache.jena.graph.Triple> listed(org.apache.jena.graph.Graph g) {
        return g.find(Node.ANY, RDF.type.asNode(), DCAT.Dataset.asNode())
                .filterDrop(t -> g.contains(t.getSubject(), org.apache.jena.vocabulary.DCTerms.isVersionOf.asNode(), Node.ANY));
    }
}
