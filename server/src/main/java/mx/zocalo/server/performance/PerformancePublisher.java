package mx.zocalo.server.performance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes computed goals into the store, each in one write transaction: the goal and its Data Cubes in the graph
 * {@code {base}graph/performance}, their DCAT records in the catalog graph (sub-catalog {@code catalog/performance}).
 * What the store said of the goal before is replaced. {@link #publish(PerformanceService, Collection)} is what a
 * dataset's publish calls: the goals that read the datasets just published are computed again and written.
 *
 * <pre>{@code
 * PerformancePublisher p = new PerformancePublisher(store, iris);
 * p.publish(performance, List.of("incidencia-delictiva-estatal"));   // after publishing that dataset
 * }</pre>
 */
public final class PerformancePublisher {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.performance");
    private final Store store;
    private final PortalIris iris;

    public PerformancePublisher(Store store, PortalIris iris) {
        this.store = store;
        this.iris = iris;
    }

    /** The named graph of the Data Cubes. */
    public static Node graph(PortalIris iris) {
        return iris.iri("graph/performance");
    }

    /** Computes again the goals that read any of {@code datasets} and writes them; returns them. */
    public List<GoalResult> publish(PerformanceService performance, Collection<String> datasets) {
        List<GoalResult> goals = performance.recompute(datasets);
        for (GoalResult g : goals) write(g);
        return goals;
    }

    /** Computes every goal again and writes them all. */
    public List<GoalResult> publishAll(PerformanceService performance) {
        List<String> all = new ArrayList<>();
        for (Goal g : performance.declared()) all.addAll(g.datasets());
        return publish(performance, all);
    }

    /** Writes one computed goal, replacing what the store said of it. */
    public void write(GoalResult g) {
        long t0 = System.nanoTime();
        List<Triple> cube = DataCube.triples(iris, g);
        List<Triple> records = PerformanceCatalog.records(iris, g);
        List<Triple> sub = PerformanceCatalog.subCatalog(iris);
        store.write(dsg -> {
            remove(dsg, g.id());
            Node graph = graph(iris);
            for (Triple t : cube) dsg.add(new Quad(graph, t));
            Node catalog = iris.catalogGraph();
            for (Triple t : sub) dsg.add(new Quad(catalog, t));
            for (Triple t : records) dsg.add(new Quad(catalog, t));
            touchCatalog(dsg);
        });
        LOG.info("performance: goal {} published ({} measures, {} cube triples) in {} ms", g.id(), g.measures().size(), cube.size(),
                (System.nanoTime() - t0) / 1_000_000);
        if (!g.problems().isEmpty()) g.problems().forEach(p -> LOG.warn("performance: {}", p));
    }

    /** Everything about goal {@code id}: subjects under its IRI, in the performance graph and the catalog graph. */
    private void remove(DatasetGraph dsg, String id) {
        String own = DataCube.goal(iris, id).getURI();
        List<Quad> found = new ArrayList<>();
        for (Node graph : List.of(graph(iris), iris.catalogGraph())) {
            dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (under(q.getSubject(), own) || under(q.getObject(), own) && !q.getSubject().equals(DataCube.goal(iris, id))) found.add(q);
            });
        }
        found.forEach(dsg::delete);
    }

    private static boolean under(Node n, String own) {
        if (!n.isURI()) return false;
        String s = n.getURI();
        return s.equals(own) || s.startsWith(own + "/") || s.startsWith(own + "#") || s.startsWith(own + ".");
    }

    /** The catalog's {@code dct:modified}: the version the portal's caches follow. */
    private void touchCatalog(DatasetGraph dsg) {
        Node g = iris.catalogGraph();
        Node modified = org.apache.jena.vocabulary.DCTerms.modified.asNode();
        dsg.deleteAny(g, iris.catalog(), modified, Node.ANY);
        dsg.add(g, iris.catalog(), modified, org.apache.jena.graph.NodeFactory.createLiteralDT(java.time.Instant.now().toString(),
                org.apache.jena.datatypes.xsd.XSDDatatype.XSDdateTime));
    }
}
