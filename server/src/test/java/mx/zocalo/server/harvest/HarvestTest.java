package mx.zocalo.server.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Harvests from files into a real TDB2 store: the DCAT-AP 3.0.1 examples, idempotence, matching, shared nodes. */
class HarvestTest {
    static final Path EXAMPLES = Path.of("src/test/resources/dcat-ap-3.0.1/examples");
    static final String BASE = "https://datos.example.mx/";
    static final PortalIris IRIS = new PortalIris(BASE);
    static final String DS = "https://data.gov.gr/id/dataset/";
    static final String PREFIXES = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix foaf: <http://xmlns.com/foaf/0.1/> .
            """;

    /** The two examples that are not valid Turtle, and the line of their first error. */
    static final java.util.Map<String, Integer> BROKEN = java.util.Map.of(
            "example-bee-population-dataset-series-api.ttl", 20,
            "example-bee-population-dataset-series-combined.ttl", 32);

    @TempDir
    Path tmp;

    /**
     * An example as published, or, for the two that write {@code example-dist:BeePopulation2023/csv} (a slash is not
     * allowed in a Turtle prefixed name), with that slash escaped: the smallest change that makes them Turtle.
     */
    static String example(String name) throws IOException {
        String text = Files.readString(EXAMPLES.resolve(name));
        return BROKEN.containsKey(name) ? text.replaceAll("(?m)^example-dist:BeePopulation2023/", "example-dist:BeePopulation2023\\\\/") : text;
    }

    static Harvester harvester(TdbStore store) {
        return new Harvester(store, IRIS, new SourceReader(Duration.ofSeconds(10), 100));
    }

    /** A copy of the catalog graph, to look at outside a transaction. */
    static Graph catalog(TdbStore store) {
        return store.read(dsg -> {
            Graph g = GraphFactory.createDefaultGraph();
            dsg.getGraph(IRIS.catalogGraph()).find().forEachRemaining(g::add);
            return g;
        });
    }

    static long quads(TdbStore store) {
        return store.read(dsg -> dsg.stream().count());
    }

    static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    static Set<String> datasetsOf(Graph g, Node subCatalog) {
        Set<String> out = new TreeSet<>();
        g.find(subCatalog, DCAT.dataset.asNode(), Node.ANY).forEachRemaining(t -> out.add(t.getObject().toString()));
        return out;
    }

    static List<String> titles(Graph g, Node ds) {
        List<String> out = new ArrayList<>();
        g.find(ds, DCTerms.title.asNode(), Node.ANY).forEachRemaining(t -> out.add(t.getObject().getLiteralLexicalForm()));
        return out;
    }

    static Node recordOf(Graph g, Node ds) {
        return g.find(Node.ANY, FOAF.primaryTopic.asNode(), ds).next().getSubject();
    }

    static Node status(Graph g, Node s) {
        var it = g.find(s, NodeFactory.createURI(Harvester.ADMS + "status"), Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    @Test
    void every_official_dcat_ap_example_is_harvested_with_its_datasets_titles_and_distributions() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".ttl")).sorted().toList();
        }
        assertThat(files).hasSize(15);
        StringBuilder report = new StringBuilder("DCAT-AP 3.0.1 examples harvested:\n");
        // One store, emptied before each example: several examples describe the same datasets.
        try (TdbStore store = TdbStore.open(tmp.resolve("examples"))) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Path source = f;
                store.write(dsg -> dsg.clear());
                if (BROKEN.containsKey(name)) {
                    assertThatThrownBy(() -> harvester(store).harvest(f.toString(), null)).isInstanceOf(HarvestException.class)
                            .hasMessageContaining(name).hasMessageContaining("line " + BROKEN.get(name));
                    assertThat(quads(store)).isZero();
                    source = Files.writeString(Files.createDirectories(tmp.resolve("fixed")).resolve(name), example(name));
                    name += " (slash escaped)";
                }
                Harvester.Outcome o = harvester(store).harvest(source.toString(), null);
                Graph g = catalog(store);
                Node sub = iri(o.catalog());
                Set<String> ds = datasetsOf(g, sub);
                assertThat(ds).as(name).hasSize(o.datasets());
                assertThat(o.added()).isEqualTo(o.datasets());
                assertThat(g.contains(IRIS.catalog(), DCAT.catalog.asNode(), sub)).isTrue();
                int distributions = 0;
                List<String> titled = new ArrayList<>();
                for (String d : ds) {
                    Node n = iri(d);
                    assertThat(status(g, recordOf(g, n))).isEqualTo(Harvester.COMPLETED);
                    distributions += g.find(n, DCAT.distribution.asNode(), Node.ANY).toList().size();
                    titled.add(d.substring(d.lastIndexOf('/') + 1) + (titles(g, n).isEmpty() ? "" : " \"" + titles(g, n).get(0) + "\""));
                }
                report.append(String.format("  %-75s %d datasets, %d distributions, %d triples: %s%n",
                        name, o.datasets(), distributions, g.size(), titled));
            }
        }
        System.out.print(report);

        // A closer look at the richest example.
        try (TdbStore store = TdbStore.open(tmp.resolve("combined-data"))) {
            Path combined = Files.writeString(tmp.resolve("example-bee-population-dataset-series-combined.ttl"),
                    example("example-bee-population-dataset-series-combined.ttl"));
            Harvester.Outcome o = harvester(store).harvest(combined.toString(), null);
            assertThat(o.datasets()).isEqualTo(5);   // four datasets and the series
            assertThat(o.catalog()).isEqualTo(BASE + "catalog/harvested/example-bee-population-dataset-series-combined");
            Graph g = catalog(store);
            Node y2023 = iri(DS + "BeePopulation2023");
            assertThat(titles(g, y2023)).containsExactly("Bee population 2023 in the region of Thessaloniki and Athens");
            assertThat(g.find(y2023, DCAT.distribution.asNode(), Node.ANY).toList()).hasSize(2);
            // The dataset links <example-dist:BeePopulation2023/csv> (an IRI in the "example-dist" scheme) while the
            // file describes https://data.gov.gr/id/distribution/BeePopulation2023/csv: the links are kept as they are,
            // the descriptions of other nodes are not copied.
            assertThat(g.contains(y2023, DCAT.distribution.asNode(), iri("example-dist:BeePopulation2023/csv"))).isTrue();
            assertThat(g.contains(iri("https://data.gov.gr/id/distribution/BeePopulation2023/csv"), Node.ANY, Node.ANY)).isFalse();
            assertThat(g.find(y2023, DCTerms.spatial.asNode(), Node.ANY).toList()).hasSize(2);
            assertThat(g.contains(iri(DS + "BeePopulationLive"), DCTerms.title.asNode(), Node.ANY)).isTrue();
            // The data service is not part of any dataset's description: not copied.
            assertThat(g.contains(iri("example-api:EA-API-Platform"), Node.ANY, Node.ANY)).isFalse();
            Node rec = recordOf(g, y2023);
            assertThat(rec.getURI()).startsWith(o.catalog() + "/record/");
            assertThat(g.contains(rec, RDF.type.asNode(), DCAT.CatalogRecord.asNode())).isTrue();
            assertThat(g.contains(rec, DCTerms.issued.asNode(), Node.ANY)).isTrue();
            assertThat(g.contains(rec, DCTerms.modified.asNode(), Node.ANY)).isTrue();
            assertThat(g.find(rec, DCTerms.source.asNode(), Node.ANY).next().getObject().getURI()).startsWith("file:/").endsWith("combined.ttl");
            assertThat(g.contains(Harvester.COMPLETED, RDF.type.asNode(), SKOS.Concept.asNode())).isTrue();
            Node sub = iri(o.catalog());
            assertThat(g.contains(sub, RDF.type.asNode(), DCAT.Catalog.asNode())).isTrue();
            assertThat(g.contains(sub, DCTerms.title.asNode(), Node.ANY)).isTrue();
            assertThat(g.contains(sub, DCTerms.source.asNode(), Node.ANY)).isTrue();
            assertThat(g.contains(sub, DCTerms.modified.asNode(), Node.ANY)).isTrue();
        }
    }

    @Test
    void harvesting_again_changes_nothing_and_a_modified_source_gives_one_withdrawn_and_one_updated() throws IOException {
        Path source = tmp.resolve("bees.ttl");
        String original = example("example-bee-population-dataset-series-combined.ttl");
        Files.writeString(source, original);
        try (TdbStore store = TdbStore.open(tmp.resolve("data"))) {
            Harvester h = harvester(store);
            Harvester.Outcome first = h.harvest(source.toString(), null);
            long size = catalog(store).size();
            long all = quads(store);
            Node rec2022 = recordOf(catalog(store), iri(DS + "BeePopulation2022"));
            Node issued = catalog(store).find(rec2022, DCTerms.issued.asNode(), Node.ANY).next().getObject();

            Harvester.Outcome second = h.harvest(source.toString(), null);
            assertThat(second.summary()).isEqualTo("harvested 5 datasets from " + source + " (0 new, 0 updated, 0 withdrawn) in 1 page");
            assertThat(second.unchanged()).isEqualTo(5);
            assertThat(catalog(store).size()).isEqualTo(size);
            assertThat(quads(store)).isEqualTo(all);
            assertThat(datasetsOf(catalog(store), iri(first.catalog()))).hasSize(5);
            assertThat(catalog(store).find(Node.ANY, RDF.type.asNode(), DCAT.CatalogRecord.asNode()).toList()).hasSize(5);

            // BeePopulation2000 gone upstream, BeePopulation2022 renamed.
            String modified = original.replaceAll("(?s)example-ds:BeePopulation2000 a dcat:Dataset;.*?dcat:inSeries example-ser:BeePopulation \\.", "")
                    .replace("Bee population 2022 in the region of Thessaloniki", "Bee population 2022 in Thessaloniki (revised)");
            assertThat(modified).doesNotContain("Bee population 2000");
            Files.writeString(source, modified);
            Harvester.Outcome third = h.harvest(source.toString(), null);
            assertThat(third.summary()).isEqualTo("harvested 4 datasets from " + source + " (0 new, 1 updated, 1 withdrawn) in 1 page");
            assertThat(third.withdrawnDatasets()).containsExactly(DS + "BeePopulation2000");

            Graph g = catalog(store);
            Node y2022 = iri(DS + "BeePopulation2022");
            assertThat(titles(g, y2022)).containsExactly("Bee population 2022 in Thessaloniki (revised)");
            assertThat(recordOf(g, y2022)).isEqualTo(rec2022);
            assertThat(g.find(rec2022, DCTerms.issued.asNode(), Node.ANY).next().getObject()).isEqualTo(issued);
            Node y2000 = iri(DS + "BeePopulation2000");
            assertThat(titles(g, y2000)).containsExactly("Bee population 2000 in Greece");
            assertThat(status(g, recordOf(g, y2000))).isEqualTo(Harvester.WITHDRAWN);
            assertThat(status(g, y2000)).isEqualTo(Harvester.WITHDRAWN);
            assertThat(status(g, recordOf(g, y2022))).isEqualTo(Harvester.COMPLETED);
            assertThat(g.contains(Harvester.WITHDRAWN, RDF.type.asNode(), SKOS.Concept.asNode())).isTrue();
            assertThat(datasetsOf(g, iri(third.catalog()))).hasSize(5);

            // Still gone: not withdrawn twice. Back upstream: completed again.
            assertThat(h.harvest(source.toString(), null).withdrawn()).isZero();
            Files.writeString(source, original);
            Harvester.Outcome back = h.harvest(source.toString(), null);
            assertThat(back.updated()).isEqualTo(2);
            assertThat(status(catalog(store), y2000)).isNull();
            assertThat(status(catalog(store), recordOf(catalog(store), y2000))).isEqualTo(Harvester.COMPLETED);
            assertThat(catalog(store).size()).isEqualTo(size);
        }
    }

    @Test
    void blank_node_datasets_get_a_stable_iri_and_are_matched_by_identifier() throws IOException {
        Path source = tmp.resolve("presupuesto.ttl");
        String v1 = PREFIXES + """
                [] a dcat:Dataset ; dct:identifier "presupuesto-2024" ; dct:title "Presupuesto 2024"@es ;
                   dcat:distribution [ a dcat:Distribution ; dcat:downloadURL <https://example.org/p2024.csv> ;
                                       dct:format [ a dct:MediaTypeOrExtent ; dct:title "CSV" ] ] .
                [] a dcat:Dataset ; dct:title "Sin identificador"@es .
                """;
        Files.writeString(source, v1);
        try (TdbStore store = TdbStore.open(tmp.resolve("data"))) {
            Harvester h = harvester(store);
            Harvester.Outcome first = h.harvest(source.toString(), "presupuesto");
            assertThat(first.datasets()).isEqualTo(1);
            assertThat(first.skipped()).hasSize(1).first().asString().contains("Sin identificador");
            Node minted = iri(BASE + "catalog/harvested/presupuesto/dataset/" + Harvester.hash("presupuesto-2024"));
            Graph g = catalog(store);
            assertThat(titles(g, minted)).containsExactly("Presupuesto 2024");
            Node dist = g.find(minted, DCAT.distribution.asNode(), Node.ANY).next().getObject();
            assertThat(dist.isBlank()).isTrue();
            assertThat(g.contains(dist, DCAT.downloadURL.asNode(), iri("https://example.org/p2024.csv"))).isTrue();
            long size = g.size();

            Harvester.Outcome again = h.harvest(source.toString(), "presupuesto");
            assertThat(again.unchanged()).isEqualTo(1);
            assertThat(catalog(store).size()).isEqualTo(size);
            assertThat(catalog(store).find(Node.ANY, DCAT.downloadURL.asNode(), Node.ANY).toList()).hasSize(1);

            Files.writeString(source, v1.replace("Presupuesto 2024\"@es", "Presupuesto de egresos 2024\"@es"));
            Harvester.Outcome changed = h.harvest(source.toString(), "presupuesto");
            assertThat(changed.summary()).contains("(0 new, 1 updated, 0 withdrawn)");
            assertThat(titles(catalog(store), minted)).containsExactly("Presupuesto de egresos 2024");
            assertThat(catalog(store).size()).isEqualTo(size);
        }
    }

    @Test
    void a_dataset_whose_iri_changed_upstream_is_matched_by_its_identifier_never_by_its_title() throws IOException {
        Path source = tmp.resolve("c.ttl");
        Files.writeString(source, PREFIXES + """
                <https://old.example.org/ds/1> a dcat:Dataset ; dct:identifier "agua-2023" ; dct:title "Agua"@es .
                <https://old.example.org/ds/2> a dcat:Dataset ; dct:title "Luz"@es .
                """);
        try (TdbStore store = TdbStore.open(tmp.resolve("data"))) {
            Harvester h = harvester(store);
            Harvester.Outcome first = h.harvest(source.toString(), "c");
            Node oldIri = iri("https://old.example.org/ds/1");
            Node rec = recordOf(catalog(store), oldIri);
            Files.writeString(source, PREFIXES + """
                    <https://new.example.org/ds/1> a dcat:Dataset ; dct:identifier "agua-2023" ; dct:title "Agua"@es .
                    <https://new.example.org/ds/2> a dcat:Dataset ; dct:title "Luz"@es .
                    """);
            Harvester.Outcome second = h.harvest(source.toString(), "c");
            assertThat(second.summary()).contains("(1 new, 1 updated, 1 withdrawn)");
            Graph g = catalog(store);
            Node newIri = iri("https://new.example.org/ds/1");
            assertThat(recordOf(g, newIri)).isEqualTo(rec);
            assertThat(g.contains(oldIri, Node.ANY, Node.ANY)).isFalse();
            assertThat(datasetsOf(g, iri(first.catalog()))).containsExactlyInAnyOrder(
                    "https://new.example.org/ds/1", "https://new.example.org/ds/2", "https://old.example.org/ds/2");
            assertThat(second.withdrawnDatasets()).containsExactly("https://old.example.org/ds/2");
        }
    }

    @Test
    void a_node_two_sources_describe_survives_when_one_source_stops_using_it() throws IOException {
        String publisher = "<https://example.org/agencia> a foaf:Agent ; foaf:name \"Agencia\" .\n";
        Path a = tmp.resolve("a.ttl");
        Path b = tmp.resolve("b.ttl");
        Files.writeString(a, PREFIXES + publisher + "<https://a.example.org/ds> a dcat:Dataset ; dct:publisher <https://example.org/agencia> .\n");
        Files.writeString(b, PREFIXES + publisher + "<https://b.example.org/ds> a dcat:Dataset ; dct:publisher <https://example.org/agencia> .\n");
        try (TdbStore store = TdbStore.open(tmp.resolve("data"))) {
            Harvester h = harvester(store);
            h.harvest(a.toString(), null);
            h.harvest(b.toString(), null);
            Triple name = Triple.create(iri("https://example.org/agencia"), FOAF.name.asNode(), NodeFactory.createLiteralString("Agencia"));
            assertThat(catalog(store).contains(name)).isTrue();
            Files.writeString(a, PREFIXES + "<https://a.example.org/ds> a dcat:Dataset ; dct:publisher [ foaf:name \"Otra\" ] .\n");
            h.harvest(a.toString(), null);
            assertThat(catalog(store).contains(name)).as("still b's publisher").isTrue();
            Files.writeString(b, PREFIXES + "<https://b.example.org/ds> a dcat:Dataset .\n");
            h.harvest(b.toString(), null);
            assertThat(catalog(store).contains(iri("https://example.org/agencia"), Node.ANY, Node.ANY)).as("nobody's now").isFalse();
        }
    }

    @Test
    void a_source_without_datasets_or_a_missing_file_changes_nothing() throws IOException {
        Path empty = tmp.resolve("empty.ttl");
        Files.writeString(empty, PREFIXES + "<https://example.org/c> a dcat:Catalog .\n");
        try (TdbStore store = TdbStore.open(tmp.resolve("data"))) {
            Harvester h = harvester(store);
            assertThatThrownBy(() -> h.harvest(empty.toString(), null)).isInstanceOf(HarvestException.class)
                    .hasMessageContaining(empty.toString()).hasMessageContaining("no dcat:Dataset");
            assertThatThrownBy(() -> h.harvest(tmp.resolve("none.ttl").toString(), null)).isInstanceOf(HarvestException.class)
                    .hasMessageContaining("none.ttl");
            assertThat(quads(store)).isZero();
        }
    }

    @Test
    void syntax_by_content_type_else_by_extension_and_names_from_the_source() {
        assertThat(SourceReader.langOf("text/turtle", "http://x.org/c")).isEqualTo(org.apache.jena.riot.Lang.TURTLE);
        assertThat(SourceReader.langOf("application/json", "http://x.org/c")).isEqualTo(org.apache.jena.riot.Lang.JSONLD);
        assertThat(SourceReader.langOf("application/rdf+xml", "http://x.org/c.ttl")).isEqualTo(org.apache.jena.riot.Lang.RDFXML);
        assertThat(SourceReader.langOf("text/plain", "http://x.org/c.nt")).isEqualTo(org.apache.jena.riot.Lang.NTRIPLES);
        assertThat(SourceReader.langOf("", "http://x.org/c.jsonld")).isEqualTo(org.apache.jena.riot.Lang.JSONLD);
        assertThat(SourceReader.langOf("application/octet-stream", "http://x.org/catalog")).isEqualTo(org.apache.jena.riot.Lang.TURTLE);
        assertThat(SourceReader.langOf("text/html", "http://x.org/c.ttl")).isNull();
        assertThat(Harvester.nameOf("https://www.datos.gob.mx/catalog.ttl?page=1")).isEqualTo("datos-gob-mx-catalog-ttl-page-1");
        assertThat(Harvester.nameOf(SourceReader.sourceIri("some/dir/Catálogo Estatal.ttl"))).isEqualTo("catalogo-estatal");
    }
}
