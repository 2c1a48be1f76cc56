package mx.zocalo.server.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mx.zocalo.server.store.LabelPrefetch;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The labels of a few resources (a preview's rows, a page of a class's things), read together: in the page's language,
 * else Spanish, else any, from the properties of {@link ResourceView#LABELS} in that order; else the IRI's last part.
 * Over a remote store, fetched in one request. Call inside a read transaction.
 */
final class ResourceLabels {
    private ResourceLabels() {}

    /** IRI → label, in the order of {@code iris}. */
    static Map<String, String> of(DatasetGraph dsg, Collection<String> iris, String lang) {
        List<Node> nodes = iris.stream().distinct().map(NodeFactory::createURI).toList();
        if (dsg instanceof LabelPrefetch remote && !nodes.isEmpty()) remote.prefetch(nodes, ResourceView.LABELS);
        Map<String, String> out = new LinkedHashMap<>();
        for (Node n : nodes) out.put(n.getURI(), label(dsg, n, lang));
        return out;
    }

    private static String label(DatasetGraph dsg, Node s, String lang) {
        String es = null;
        String any = null;
        for (Node p : ResourceView.LABELS) {
            List<Node> values = new ArrayList<>();
            dsg.find(Node.ANY, s, p, Node.ANY).forEachRemaining(q -> values.add(q.getObject()));
            for (Node o : values) {
                if (!o.isLiteral()) continue;
                String tag = o.getLiteralLanguage().toLowerCase(Locale.ROOT);
                if (tag.equals(lang) || tag.startsWith(lang + "-")) return o.getLiteralLexicalForm();
                if (es == null && (tag.equals("es") || tag.startsWith("es-"))) es = o.getLiteralLexicalForm();
                if (any == null) any = o.getLiteralLexicalForm();
            }
        }
        if (es != null) return es;
        return any != null ? any : ResourceView.localName(s.getURI());
    }
}
