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
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/** Counts a dataset graph's VoID figures in one pass over its triples. */
final class VoidCounter {
    private VoidCounter() {}

    static VoidStats count(DatasetGraph dsg, Node graph) {
        Set<Node> subjects = new HashSet<>();
        Set<Node> objects = new HashSet<>();
        Map<String, Long> properties = new HashMap<>();
        Map<Node, Set<Node>> instances = new HashMap<>();
        Node type = RDF.type.asNode();
        Iterator<Quad> it = dsg.find(graph, Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            subjects.add(q.getSubject());
            objects.add(q.getObject());
            properties.merge(q.getPredicate().getURI(), 1L, Long::sum);
            if (q.getPredicate().equals(type) && q.getObject().isURI()) {
                instances.computeIfAbsent(q.getObject(), k -> new HashSet<>()).add(q.getSubject());
            }
        }
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
