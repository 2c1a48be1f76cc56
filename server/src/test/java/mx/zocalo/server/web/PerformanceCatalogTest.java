package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import mx.zocalo.server.performance.GoalResult;
import mx.zocalo.server.performance.MeasureResult;
import mx.zocalo.server.performance.PerformancePortal;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The performance measures in the DCAT catalog: each measure's Data Cube a dataset of a sub-catalog of the portal's,
 * derived from its source datasets, and the whole paged catalog still without DCAT-AP 3 violations.
 */
class PerformanceCatalogTest {
    static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    static final Node DERIVED = NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom");
    static PerformancePortal portal;

    @BeforeAll
    static void start() {
        portal = PerformancePortal.get();
    }

    static Graph wholeCatalog() throws Exception {
        Graph all = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        String next = "/catalog";
        int pages = 0;
        while (next != null && pages++ < 100) {
            HttpResponse<String> r = portal.get(next, "text/turtle");
            assertThat(r.statusCode()).as(next).isEqualTo(200);
            Graph page = PortalServerTest.parse(r.body(), Lang.TURTLE);
            page.find().forEach(all::add);
            var it = page.find(Node.ANY, NodeFactory.createURI(HYDRA + "next"), Node.ANY);
            next = it.hasNext() ? it.next().getObject().getURI().replaceFirst("^[a-z]+://[^/]+", "") : null;
        }
        return all;
    }

    @Test
    void each_measure_is_a_dataset_of_the_performance_catalog_derived_from_its_sources() throws Exception {
        Graph catalog = wholeCatalog();
        Node sub = NodeFactory.createURI(PerformancePortal.BASE + "catalog/performance");
        assertThat(catalog.contains(NodeFactory.createURI(PerformancePortal.BASE + "catalog"), DCAT.catalog.asNode(), sub)).isTrue();
        int measures = 0;
        for (GoalResult g : portal.published) {
            for (MeasureResult m : g.measures()) {
                Node ds = NodeFactory.createURI(PerformancePortal.BASE + "id/performance/" + g.id() + "/" + m.id());
                assertThat(catalog.contains(sub, DCAT.dataset.asNode(), ds)).as(ds.getURI()).isTrue();
                assertThat(catalog.contains(ds, RDF.type.asNode(), DCAT.Dataset.asNode())).isTrue();
                List<String> sources = catalog.find(ds, DERIVED, Node.ANY).mapWith(t -> t.getObject().getURI()).toList();
                assertThat(sources).containsExactlyInAnyOrderElementsOf(
                        m.datasets().stream().map(s -> PerformancePortal.BASE + "dataset/" + s).toList());
                measures++;
            }
        }
        assertThat(measures).isEqualTo(6);
        assertThat(catalog.find(Node.ANY, DERIVED, NodeFactory.createURI(PerformancePortal.BASE + "dataset/poblacion-estatal")).toList())
                .hasSize(2); // the rate and the population measure
    }

    @Test
    void the_catalog_with_the_performance_datasets_has_no_dcat_ap_violations() throws Exception {
        Graph catalog = wholeCatalog();
        ValidationReport mandatory = DcatApShapes.mandatory(catalog);
        DcatApShapes.summary(mandatory).forEach((k, n) -> System.out.println("  " + n + " x " + k));
        assertThat(DcatApShapes.summary(mandatory)).isEmpty();
        assertThat(mandatory.conforms()).isTrue();
    }
}
