package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDFS;

/** The {@code rdfs:label}s the table model reads: of classes and properties (any graph), of linked resources. */
final class Labels {
    /** Labels for properties of the usual vocabularies, which the portal does not load. */
    private static final Map<String, Map<String, String>> WELL_KNOWN = Map.of(
            RDFS.label.getURI(), Map.of("es", "nombre", "en", "name"),
            RDFS.comment.getURI(), Map.of("es", "comentario", "en", "comment"),
            "http://www.w3.org/2004/02/skos/core#prefLabel", Map.of("es", "nombre", "en", "name"),
            "http://purl.org/dc/terms/title", Map.of("es", "título", "en", "title"),
            "http://purl.org/dc/terms/description", Map.of("es", "descripción", "en", "description"),
            TableScan.WGS84 + "lat", Map.of("es", "latitud", "en", "latitude"),
            TableScan.WGS84 + "long", Map.of("es", "longitud", "en", "longitude"),
            TableScan.GEO + "asWKT", Map.of("es", "geometría (WKT)", "en", "geometry (WKT)"),
            TableScan.GEO + "hasGeometry", Map.of("es", "geometría", "en", "geometry"));

    private Labels() {}

    /** The labels of {@code iri} in any graph (the vocabularies, the dataset's own), one per language. */
    static Map<String, String> of(DatasetGraph dsg, String iri) {
        Map<String, String> out = new LinkedHashMap<>();
        dsg.find(Node.ANY, NodeFactory.createURI(iri), RDFS.label.asNode(), Node.ANY).forEachRemaining(q -> {
            Node o = q.getObject();
            if (o.isLiteral()) out.putIfAbsent(o.getLiteralLanguage(), o.getLiteralLexicalForm());
        });
        return out;
    }

    /**
     * {@code tables} with the labels the store has now for their classes and properties (the vocabularies may have been
     * loaded, or changed, since the model was computed); a label the store lacks stays as it was. A column in one of
     * its property's languages gets the language after the label: {@code "etiqueta (en)"}.
     */
    static List<Table> apply(DatasetGraph dsg, List<Table> tables) {
        List<Table> out = new ArrayList<>();
        for (Table t : tables) {
            Map<String, String> classLabels = new LinkedHashMap<>(t.labels());
            classLabels.putAll(of(dsg, t.classIri()));
            List<Column> columns = new ArrayList<>();
            for (Column c : t.columns()) {
                Map<String, String> labels = new LinkedHashMap<>(c.labels());
                long sameProperty = t.columns().stream().filter(o -> o.property().equals(c.property())).count();
                boolean several = sameProperty > 1 && !c.language().isEmpty();
                Map<String, String> found = of(dsg, c.property());
                if (found.isEmpty() && labels.isEmpty()) found = WELL_KNOWN.getOrDefault(c.property(), Map.of());
                found.forEach((lang, l) -> labels.put(lang, several ? l + " (" + c.language() + ")" : l));
                columns.add(new Column(c.name(), c.property(), c.language(), c.type(), labels, c.rows(), c.multiValued(),
                        c.labelLanguage(), c.labelGraph()));
            }
            out.add(new Table(t.classIri(), t.name(), classLabels, t.rows(), columns, t.coordinates()));
        }
        return out;
    }

    /** Where a link column's labels are: their language, and their graph when it is not the dataset's own. */
    record LinkLabel(String language, String graph) {}

    /**
     * The labels of a link column's resources ({@code targets}): read in the dataset's graph when some of them have one
     * there, else in the one graph that labels the most of them; in the language in which the most have one (Spanish,
     * then English, then no tag break ties). {@code null} when none has a label, or when one has two different labels
     * in that language (a label must be one value to be sorted and grouped by).
     */
    static LinkLabel of(DatasetGraph dsg, Node graph, Set<Node> targets) {
        LinkLabel own = in(dsg, graph, targets);
        if (own != null || targets.isEmpty()) return own == null || own.language() == null ? null : own;
        Map<Node, Integer> graphs = new HashMap<>();
        for (Node t : targets) {
            Set<Node> seen = new HashSet<>();
            dsg.find(Node.ANY, t, RDFS.label.asNode(), Node.ANY).forEachRemaining(q -> seen.add(q.getGraph()));
            seen.forEach(g -> graphs.merge(g, 1, Integer::sum));
        }
        Node best = graphs.entrySet().stream().max(Map.Entry.<Node, Integer>comparingByValue()
                .thenComparing(e -> e.getKey().toString(), java.util.Comparator.reverseOrder())).map(Map.Entry::getKey).orElse(null);
        if (best == null) return null;
        LinkLabel other = in(dsg, best, targets);
        return other == null || other.language() == null ? null : new LinkLabel(other.language(), best.getURI());
    }

    /** The labels of {@code targets} in {@code graph}: null when none has one; a null language when one is ambiguous. */
    private static LinkLabel in(DatasetGraph dsg, Node graph, Set<Node> targets) {
        Map<String, Integer> having = new HashMap<>();
        Map<Node, Map<String, Set<String>>> labels = new HashMap<>();
        for (Node t : targets) {
            Map<String, Set<String>> byLang = new HashMap<>();
            dsg.find(graph, t, RDFS.label.asNode(), Node.ANY).forEachRemaining(q -> {
                Node o = q.getObject();
                if (o.isLiteral()) byLang.computeIfAbsent(o.getLiteralLanguage(), k -> new HashSet<>()).add(o.getLiteralLexicalForm());
            });
            byLang.keySet().forEach(l -> having.merge(l, 1, Integer::sum));
            labels.put(t, byLang);
        }
        if (having.isEmpty()) return null;
        String best = null;
        for (String l : having.keySet()) {
            if (best == null || having.get(l) > having.get(best)
                    || having.get(l).equals(having.get(best)) && rank(l) < rank(best)) {
                best = l;
            }
        }
        for (Map<String, Set<String>> byLang : labels.values()) {
            Set<String> in = byLang.get(best);
            if (in != null && in.size() > 1) return new LinkLabel(null, null);
        }
        return new LinkLabel(best, null);
    }

    private static int rank(String lang) {
        return switch (lang) {
            case "es" -> 0;
            case "en" -> 1;
            case "" -> 2;
            default -> 3;
        };
    }
}
