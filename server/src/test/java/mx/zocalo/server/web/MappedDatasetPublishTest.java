package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.server.publish.PublishOutcome;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIx;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets with mappings through the real publish path: YAML namespaces, and how dataset.yaml says to read the table. */
class MappedDatasetPublishTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    Path data;
    TestPortal portal;

    @BeforeEach
    void start() {
        portal = new TestPortal(data);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    /** Every IRI in the store (graph names, terms, literal datatypes) that is relative. */
    private List<String> relativeIris() {
        return portal.store.read(dsg -> {
            List<String> relative = new ArrayList<>();
            dsg.find().forEachRemaining(q -> {
                for (Node n : new Node[] {q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()}) {
                    String iri = n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralDatatypeURI() : null;
                    if (iri != null && IRIx.create(iri).isRelative()) {
                        relative.add(iri);
                    }
                }
            });
            return relative;
        });
    }

    @Test
    void a_yaml_mapping_with_a_relative_namespace_publishes_absolute_iris_and_a_download_strict_parsers_read() throws Exception {
        PublishOutcome o = portal.publisher.publish(FIXTURES.resolve("accidentes-yaml"), false);
        Node registro = NodeFactory.createURI(TestPortal.BASE + "def/accidentes#Registro");
        long typed = portal.store.read(dsg -> (long) dsg.getGraph(portal.iris.datasetGraph("accidentes-yaml"))
                .find(Node.ANY, RDF.type.asNode(), registro).toList().size());

        assertThat(o.rows()).isEqualTo(384);
        assertThat(typed).isEqualTo(384);
        assertThat(relativeIris()).isEmpty();

        HttpResponse<String> nt = portal.get("/download/accidentes-yaml.nt", null);
        assertThat(nt.statusCode()).isEqualTo(200);
        Graph parsed = GraphFactory.createDefaultGraph();
        RDFParser.fromString(nt.body(), Lang.NTRIPLES).lang(Lang.NTRIPLES).checking(true)
                .errorHandler(ErrorHandlerFactory.errorHandlerStrict).parse(parsed);
        assertThat(parsed.size()).isEqualTo(o.triples());
        assertThat(parsed.contains(Node.ANY, NodeFactory.createURI(TestPortal.BASE + "def/accidentes#unidad"),
                NodeFactory.createURI(TestPortal.BASE + "def/accidentes#accidente"))).isTrue();

        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no system Python");
        assumeTrue(new ProcessBuilder(python.toString(), "-c", "import rdflib").start().waitFor() == 0,
                "python3-rdflib is not installed (.ci/run installs it)");
        Process p = new ProcessBuilder(python.toString(), "src/test/resources/python/parse_ntriples.py",
                portal.url("/download/accidentes-yaml.nt")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.strip()).isEqualTo("OK " + o.triples() + " triples");
    }

    @Test
    void header_row_and_sheet_in_dataset_yaml_apply_to_a_mapped_dataset() {
        PublishOutcome o = portal.publisher.publish(FIXTURES.resolve("delitos-municipio"), false);
        Node aguascalientes = NodeFactory.createURI(TestPortal.BASE + "id/municipio/01001");
        Graph g = portal.store.read(dsg -> {
            Graph copy = GraphFactory.createDefaultGraph();
            dsg.getGraph(portal.iris.datasetGraph("delitos-municipio")).find().forEach(copy::add);
            return copy;
        });

        assertThat(o.rows()).isGreaterThan(2400);
        assertThat(g.contains(aguascalientes, RDFS.label.asNode(), NodeFactory.createLiteralLang("Aguascalientes", "es"))).isTrue();
        assertThat(g.find(Node.ANY, RDFS.label.asNode(), NodeFactory.createLiteralLang("Municipio", "es")).toList())
                .as("the header row is not read as data").isEmpty();
    }

    @Test
    void without_header_row_the_error_says_how_the_table_was_read_and_how_to_say_where_the_header_is() {
        portal.publisher.publish(FIXTURES.resolve("accidentes-yaml"), false);
        long before = portal.store.<Long>read(dsg -> dsg.stream().count());

        assertThatThrownBy(() -> portal.publisher.publish(FIXTURES.resolve("delitos-municipio/sin-encabezado.yaml"), false))
                .isInstanceOf(ConversionException.class)
                .hasMessageStartingWith("siha_2_2_4_9_dic_2015.xlsx (sheet \"Fuero común\"): column \"Clave\" does not exist "
                        + "(subject map of <#Municipio>); the columns are: \"column_1\", \"DELITOS DEL FUERO COMÚN")
                .hasMessageContaining("The table was read with sheet \"Fuero común\" (the only sheet), the header on sheet row 2")
                .hasMessageContaining("\"Clave\" is in sheet row 4: if that is the header, say so (headerRow: 4 under source: in "
                        + "dataset.yaml");

        assertThat(portal.store.<Long>read(dsg -> dsg.stream().count())).isEqualTo(before);
    }
}
