package mx.zocalo.server.store;

import java.util.Collection;
import java.util.List;
import org.apache.jena.graph.Node;

/**
 * A dataset over a network that can fetch, in one request, the values of a few properties (labels) of many subjects, so
 * that the {@code find(ANY, s, p, ANY)} calls a page then makes for each of them need no request of their own.
 */
public interface LabelPrefetch {
    /** Fetches every value of {@code predicates} for {@code subjects} (IRIs), in any named graph. */
    void prefetch(Collection<Node> subjects, List<Node> predicates);
}
