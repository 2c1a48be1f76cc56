package mx.zocalo.server.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetPublisherTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final PortalIris IRIS = new PortalIris("https://datos.example.mx/");

    @TempDir
    Path data;
    TdbStore store;
    DatasetPublisher publisher;

    @BeforeEach
    void open() {
        store = TdbStore.open(data);
        publisher = new DatasetPublisher(store, IRIS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    Set<Quad> everything() {
        return store.read(dsg -> {
            Set<Quad> all = new HashSet<>();
            dsg.find().forEachRemaining(all::add);
            return all;
        });
    }

    @Test
    void publishing_puts_the_data_in_its_graph_and_the_record_in_the_catalog() {
        PublishOutcome o = publisher.publish(FIXTURES.resolve("pagos-prueba"), false);
        assertThat(o.skipped()).isFalse();
        assertThat(o.triples()).isGreaterThan(20);
        long inGraph = store.read(dsg -> dsg.getGraph(IRIS.datasetGraph("pagos-prueba")).size());
        assertThat(inGraph).isEqualTo(o.triples());
        boolean recorded = store.read(dsg -> dsg.contains(IRIS.catalogGraph(), IRIS.dataset("pagos-prueba"), Node.ANY, Node.ANY));
        assertThat(recorded).isTrue();
        assertThat(store.filesDirectory().resolve("pagos-prueba/pagos.csv")).exists();
    }

    @Test
    void republishing_unchanged_inputs_is_skipped_unless_forced() {
        publisher.publish(FIXTURES.resolve("pagos-prueba"), false);
        assertThat(publisher.publish(FIXTURES.resolve("pagos-prueba"), false).skipped()).isTrue();
        Set<Quad> before = everything();
        PublishOutcome forced = publisher.publish(FIXTURES.resolve("pagos-prueba"), true);
        assertThat(forced.skipped()).isFalse();
        // same data, same record shape: only the record's publication time differs, and a version is added
        assertThat(withoutVersions(everything())).hasSameSizeAs(withoutVersions(before));
        assertThat(everything()).anyMatch(q -> q.getSubject().getURI().equals(IRIS.base() + "dataset/pagos-prueba/v2"));
    }

    /** The quads but those describing the versions of a dataset and linking it to them. */
    static Set<Quad> withoutVersions(Set<Quad> quads) {
        Set<Quad> out = new java.util.HashSet<>();
        for (Quad q : quads) {
            String p = q.getPredicate().getURI();
            if (q.getSubject().isURI() && q.getSubject().getURI().matches(".*/dataset/[a-z0-9-]+/v[0-9]+([/#].*)?")) continue;
            if (p.equals("http://www.w3.org/ns/dcat#hasVersion") || p.equals("http://purl.org/dc/terms/hasVersion")) continue;
            out.add(q);
        }
        return out;
    }

    @Test
    void a_republish_with_other_amounts_leaves_none_of_the_old_ones(@TempDir Path work) throws Exception {
        publisher.publish(FIXTURES.resolve("pagos-prueba"), false);
        Path changed = Files.createDirectories(work.resolve("pagos-prueba"));
        for (String f : new String[] {"dataset.yaml", "mapping.rml.ttl", "pagos.csv"}) {
            Files.copy(FIXTURES.resolve("pagos-prueba").resolve(f), changed.resolve(f));
        }
        // 1520.50, 250000.00 and 4300.00: decimals the store keeps in another lexical form
        Files.writeString(changed.resolve("pagos.csv"), Files.readString(changed.resolve("pagos.csv"))
                .replace("1520.50", "1600.10").replace("250000.00", "260000.20").replace("4300.00", "4400.30"));
        PublishOutcome o = publisher.publish(changed, false);
        long inGraph = store.read(dsg -> dsg.getGraph(IRIS.datasetGraph("pagos-prueba")).size());
        assertThat(inGraph).isEqualTo(o.triples());
        long amounts = store.read(dsg -> dsg.stream(IRIS.datasetGraph("pagos-prueba"), Node.ANY, IRIS.term("monto"), Node.ANY).count());
        assertThat(amounts).isEqualTo(4);
    }

    @Test
    void a_conversion_failing_at_a_broken_row_leaves_the_previous_version_untouched() throws Exception {
        publisher.publish(FIXTURES.resolve("pagos-prueba"), false);
        Set<Quad> before = everything();
        byte[] original = Files.readAllBytes(store.filesDirectory().resolve("pagos-prueba/pagos.csv"));

        assertThatThrownBy(() -> publisher.publish(FIXTURES.resolve("pagos-prueba-roto"), false))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("row 3")
                .hasMessageContaining("IDIOMA");

        assertThat(everything()).isEqualTo(before);
        assertThat(Files.readAllBytes(store.filesDirectory().resolve("pagos-prueba/pagos.csv"))).isEqualTo(original);
        assertThat(Files.list(store.filesDirectory()).map(p -> p.getFileName().toString())).containsExactly("pagos-prueba");
    }

    @Test
    void a_mapping_naming_a_missing_column_leaves_the_previous_version_untouched() {
        publisher.publish(FIXTURES.resolve("pagos-prueba"), false);
        Set<Quad> before = everything();
        assertThatThrownBy(() -> publisher.publish(FIXTURES.resolve("pagos-prueba-sin-columna"), false))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("IMPORTE");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void vocabularies_load_into_their_own_graph_with_the_portal_base() {
        Vocabularies.load(store, IRIS);
        long n = store.read(dsg -> dsg.getGraph(IRIS.vocabularyGraph()).size());
        assertThat(n).isGreaterThan(0);
        boolean relativeResolved = store.read(dsg -> {
            var it = dsg.find(IRIS.vocabularyGraph(), Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Node s = it.next().getSubject();
                if (s.isURI() && s.getURI().startsWith("https://datos.example.mx/def/zocalo")) return true;
            }
            return false;
        });
        assertThat(relativeResolved).isTrue();
    }

    @Test
    void a_dataset_without_mapping_is_published_with_the_mapping_inferred_from_its_table() throws Exception {
        PublishOutcome o = publisher.publish(FIXTURES.resolve("accidentes-sin-mapeo"), false);

        assertThat(o.rows()).isEqualTo(384);
        Node graph = IRIS.datasetGraph("accidentes");
        String base = "https://datos.example.mx/";
        long rows = store.read(dsg -> (long) dsg.getGraph(graph).find(Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(),
                org.apache.jena.graph.NodeFactory.createURI(base + "def/accidentes#Registro")).toList().size());
        assertThat(rows).isEqualTo(384);
        boolean typed = store.read(dsg -> dsg.contains(graph, org.apache.jena.graph.NodeFactory.createURI(base + "id/accidentes/row/1"),
                org.apache.jena.graph.NodeFactory.createURI(base + "def/accidentes#accidentes"),
                org.apache.jena.graph.NodeFactory.createLiteralDT("17", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)));
        assertThat(typed).isTrue();
        boolean labelled = store.read(dsg -> dsg.contains(graph, org.apache.jena.graph.NodeFactory.createURI(base + "def/accidentes#muertos"),
                org.apache.jena.vocabulary.RDFS.label.asNode(), org.apache.jena.graph.NodeFactory.createLiteralLang("muertos", "es")));
        assertThat(labelled).isTrue();
        boolean recorded = store.read(dsg -> dsg.contains(IRIS.catalogGraph(), IRIS.dataset("accidentes"), Node.ANY, Node.ANY));
        assertThat(recorded).isTrue();
        Path folder = store.filesDirectory().resolve("accidentes");
        assertThat(folder.resolve("sct_71_accidentes_mes.csv")).exists();
        String csvw = Files.readString(folder.resolve(DatasetPublisher.CSVW_METADATA));
        assertThat(csvw).contains("\"url\" : \"accidentes.csv\"" /* relative to /download/accidentes.csv-metadata.json */, base + "id/accidentes/row/{_row}", "\"integer\"");
        assertThat(publisher.publish(FIXTURES.resolve("accidentes-sin-mapeo"), false).skipped()).isTrue();
    }
}
