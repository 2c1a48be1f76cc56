package mx.zocalo.server.publish;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import mx.zocalo.server.catalog.CatalogRecord.VoidStats;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * Counts a dataset graph's VoID figures in one pass over its triples: over the stored graph ({@link #count}), or over
 * the triples as they stream into the bulk loader ({@link #add}, then {@link #result}), which saves reading the graph
 * back.
 */
final class VoidCounter {
    private final Set<Node> subjects = new HashSet<>();
    private final Set<Node> objects = new HashSet<>();
    private final Map<String, Long> properties = new HashMap<>();
    private final Map<Node, Set<Node>> instances = new HashMap<>();
    private static final Node TYPE = RDF.type.asNode();
    private long added;

    VoidCounter() {}

    static VoidStats count(DatasetGraph dsg, Node graph) {
        VoidCounter c = new VoidCounter();
        Iterator<Quad> it = dsg.find(graph, Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            c.add(q.getSubject(), q.getPredicate(), q.getObject());
        }
        return c.result();
    }

    /** One triple of the graph; a triple met twice must be given once (the store keeps a set). */
    void add(Node s, Node p, Node o) {
        added++;
        subjects.add(s);
        objects.add(o);
        properties.merge(p.getURI(), 1L, Long::sum);
        if (p.equals(TYPE) && o.isURI()) instances.computeIfAbsent(o, k -> new HashSet<>()).add(s);
    }

    /** How many triples were given: when it equals the stored graph's size, no triple came twice and the figures are exact. */
    long added() {
        return added;
    }

    /**
     * The figures of the stored {@code graph} ({@code stored} triples) from what was {@link #add added}: exact even when
     * some triple came twice (the store keeps one). Subjects, objects and instances are sets, so a repeat changes
     * nothing there; the triples of each property are then counted in the store, one index range each (at the level of
     * TDB2's node ids: no value is read back).
     */
    VoidStats result(DatasetGraph dsg, Node graph, long stored) {
        if (added != stored) properties.replaceAll((uri, n) -> StoreCounts.triples(dsg, graph, NodeFactory.createURI(uri)));
        return result();
    }

    VoidStats result() {
        long entities = subjects.stream().filter(Node::isURI).count();
        Map<String, Long> classes = new LinkedHashMap<>();
        instances.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Node, Set<Node>> e) -> -e.getValue().size()).thenComparing(e -> e.getKey().getURI()))
                .forEach(e -> classes.put(e.getKey().getURI(), (long) e.getValue().size()));
        Map<String, Long> byProperty = new LinkedHashMap<>();
        properties.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> byProperty.put(e.getKey(), e.getValue()));
        return new VoidStats(entities, subjects.size(), objects.size(), classes, byProperty);
    }
}
