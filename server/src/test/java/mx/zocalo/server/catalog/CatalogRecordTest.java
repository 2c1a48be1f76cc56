package mx.zocalo.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogRecordTest {
    static final PortalIris IRIS = new PortalIris("https://datos.example.mx/");
    static Graph record;

    @BeforeAll
    static void build() {
        DatasetDescription d = DescriptionReader.read(DescriptionReaderTest.FIXTURE);
        List<Triple> triples = CatalogRecord.build(IRIS, d,
                new CatalogRecord.Statistics(4, 26, "pagos.csv", "abc123", Instant.parse("2024-05-01T00:00:00Z"), "SELECT * WHERE { ?s ?p ?o }"));
        record = GraphFactory.createDefaultGraph();
        triples.forEach(record::add);
        CatalogRecord.catalog(IRIS).forEach(record::add);
    }

    static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    @Test
    void dataset_is_a_dcat_dataset_in_the_catalog() {
        Node ds = iri("https://datos.example.mx/dataset/pagos-prueba");
        assertThat(record.contains(ds, RDF.type.asNode(), DCAT.Dataset.asNode())).isTrue();
        assertThat(record.contains(iri("https://datos.example.mx/catalog"), DCAT.dataset.asNode(), ds)).isTrue();
        assertThat(record.contains(iri("https://datos.example.mx/catalog"), RDF.type.asNode(), DCAT.Catalog.asNode())).isTrue();
    }

    @Test
    void titles_keep_their_languages() {
        Node ds = iri("https://datos.example.mx/dataset/pagos-prueba");
        assertThat(record.contains(ds, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Pagos a proveedores (prueba)", "es"))).isTrue();
        assertThat(record.contains(ds, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Payments to suppliers (test)", "en"))).isTrue();
    }

    @Test
    void themes_become_eu_data_theme_iris() {
        Node ds = iri("https://datos.example.mx/dataset/pagos-prueba");
        assertThat(record.contains(ds, DCAT.theme.asNode(), iri(CatalogRecord.THEME_BASE + "GOVE"))).isTrue();
        assertThat(record.contains(ds, DCAT.theme.asNode(), iri(CatalogRecord.THEME_BASE + "ECON"))).isTrue();
    }

    @Test
    void licence_is_a_licence_document_and_publisher_an_agent() {
        Node lic = iri("https://creativecommons.org/licenses/by/4.0/");
        assertThat(record.contains(lic, RDF.type.asNode(), DCTerms.LicenseDocument.asNode())).isTrue();
        Node pub = record.find(iri("https://datos.example.mx/dataset/pagos-prueba"), DCTerms.publisher.asNode(), Node.ANY)
                .next().getObject();
        assertThat(record.contains(pub, RDF.type.asNode(), FOAF.Agent.asNode())).isTrue();
        assertThat(record.contains(pub, FOAF.name.asNode(), NodeFactory.createLiteralString("Tesorería Municipal de Prueba"))).isTrue();
    }

    @Test
    void every_download_is_a_distribution_with_a_download_url() {
        Node ds = iri("https://datos.example.mx/dataset/pagos-prueba");
        for (String f : List.of("csv", "ttl", "nt", "jsonld", "rdf")) {
            Node dist = iri("https://datos.example.mx/dataset/pagos-prueba/distribution/" + f);
            assertThat(record.contains(ds, DCAT.distribution.asNode(), dist)).as(f).isTrue();
            assertThat(record.contains(dist, DCAT.downloadURL.asNode(), iri("https://datos.example.mx/download/pagos-prueba." + f))).as(f).isTrue();
        }
    }

    @Test
    void temporal_contact_record_and_sparql_service_are_described() {
        Node ds = iri("https://datos.example.mx/dataset/pagos-prueba");
        assertThat(record.contains(ds, DCTerms.temporal.asNode(), iri("https://datos.example.mx/dataset/pagos-prueba#temporal"))).isTrue();
        assertThat(record.contains(ds, DCAT.contactPoint.asNode(), iri("https://datos.example.mx/dataset/pagos-prueba#contact"))).isTrue();
        assertThat(record.contains(iri("https://datos.example.mx/dataset/pagos-prueba/record"), RDF.type.asNode(), DCAT.CatalogRecord.asNode())).isTrue();
        assertThat(record.contains(iri("https://datos.example.mx/sparql"), RDF.type.asNode(), DCAT.DataService.asNode())).isTrue();
        assertThat(record.contains(iri("https://datos.example.mx/sparql"), DCAT.servesDataset.asNode(), ds)).isTrue();
        assertThat(record.contains(ds, DCTerms.issued.asNode(), Node.ANY)).isTrue();
        assertThat(record.contains(ds, DCTerms.modified.asNode(), Node.ANY)).isTrue();
    }
}
