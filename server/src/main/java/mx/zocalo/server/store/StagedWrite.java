package mx.zocalo.server.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.modify.request.QuadAcc;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.UpdateDataDelete;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.modify.request.UpdateDeleteWhere;
import org.apache.jena.update.UpdateRequest;

/**
 * One write to a remote store, staged in a local in-memory dataset that starts with a copy of the mirrored graphs
 * (catalog, vocabularies). It records what the action did so that {@link #send} can replay it as protocol requests:
 * <ul>
 * <li>a graph the action emptied first ({@code deleteAny(g, ANY, ANY, ANY)}, {@code removeGraph}, {@code addGraph}) is
 * <em>replaced</em>: one Graph Store Protocol PUT of its final content (DELETE when it ends empty);</li>
 * <li>every other change goes into ONE SPARQL Update: pattern deletes as {@code DELETE WHERE} (so that, say, a
 * version marker is replaced even if another process changed it meanwhile), then {@code DELETE DATA} and
 * {@code INSERT DATA} with the difference between the mirrored copy and the final content, and the quads added or
 * removed in other graphs.</li>
 * </ul>
 * Graphs are replaced before the update runs, so a dataset's triples are in place before its catalog record says so.
 */
final class StagedWrite extends DatasetGraphWrapper {
    private final RemoteDatasetGraph.Mirror seed;
    private final Set<Node> replaced = new LinkedHashSet<>();
    private final List<Quad> patternDeletes = new ArrayList<>();
    private final Set<Quad> added = new LinkedHashSet<>();
    private final Set<Quad> deleted = new LinkedHashSet<>();

    StagedWrite(DatasetGraph staging, RemoteDatasetGraph.Mirror seed) {
        super(staging);
        this.seed = seed;
    }

    /** Whether changes to {@code g} are found by comparing with the mirrored copy rather than by recording them. */
    private boolean diffed(Node g) {
        return seed.holds(g) || replaced.contains(g);
    }

    @Override
    public void add(Quad q) {
        add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
    }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
        if (!diffed(g)) {
            Quad q = Quad.create(g, s, p, o);
            deleted.remove(q);
            added.add(q);
        }
        getW().add(g, s, p, o);
    }

    @Override
    public void delete(Quad q) {
        delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
        if (!diffed(g)) {
            Quad q = Quad.create(g, s, p, o);
            added.remove(q);
            deleted.add(q);
        }
        getW().delete(g, s, p, o);
    }

    @Override
    public void deleteAny(Node g, Node s, Node p, Node o) {
        if (g == null || g.equals(Node.ANY)) {
            throw new UnsupportedOperationException("A write to a remote store names the graph it deletes from");
        }
        if (wild(s) && wild(p) && wild(o)) {
            replace(g);
        } else if (!replaced.contains(g)) {
            patternDeletes.add(Quad.create(g, s, p, o));
            added.removeIf(q -> q.getGraph().equals(g) && q.matches(g, s, p, o));
        }
        getW().deleteAny(g, s, p, o);
    }

    @Override
    public void addGraph(Node g, Graph graph) {
        replace(g);
        getW().addGraph(g, graph);
    }

    @Override
    public void removeGraph(Node g) {
        replace(g);
        getW().removeGraph(g);
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("A remote store is not cleared by the portal");
    }

    private void replace(Node g) {
        replaced.add(g);
        added.removeIf(q -> q.getGraph().equals(g));
        deleted.removeIf(q -> q.getGraph().equals(g));
        patternDeletes.removeIf(q -> q.getGraph().equals(g));
    }

    @Override
    public Graph getDefaultGraph() {
        return GraphView.createDefaultGraph(this);
    }

    @Override
    public Graph getGraph(Node g) {
        return GraphView.createNamedGraph(this, g);
    }

    @Override
    public Graph getUnionGraph() {
        return GraphView.createUnionGraph(this);
    }

    /** Sends the staged changes: a PUT (or DELETE) per replaced graph, then one update with the rest. */
    void send(RemoteEndpoints remote) {
        DatasetGraph staged = get();
        for (Node g : replaced) {
            Graph content = staged.getGraph(g);
            if (content.isEmpty()) remote.delete(g);
            else remote.put(g, content);
        }
        List<Quad> inserts = new ArrayList<>(added);
        List<Quad> deletes = new ArrayList<>(deleted);
        for (Node g : seed.graphs()) {
            if (replaced.contains(g)) continue;
            seed.copy().find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!staged.contains(q)) deletes.add(q);
            });
            staged.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!seed.copy().contains(q)) inserts.add(q);
            });
        }
        UpdateRequest update = new UpdateRequest();
        for (Quad pattern : patternDeletes) {
            QuadAcc acc = new QuadAcc();
            acc.setGraph(pattern.getGraph());
            acc.addTriple(org.apache.jena.graph.Triple.create(var(pattern.getSubject(), "s"), var(pattern.getPredicate(), "p"),
                    var(pattern.getObject(), "o")));
            update.add(new UpdateDeleteWhere(acc));
        }
        if (!deletes.isEmpty()) update.add(new UpdateDataDelete(new QuadDataAcc(deletes)));
        if (!inserts.isEmpty()) update.add(new UpdateDataInsert(new QuadDataAcc(inserts)));
        if (!update.getOperations().isEmpty()) remote.update(update);
    }

    boolean changesNothing() {
        return replaced.isEmpty() && patternDeletes.isEmpty() && added.isEmpty() && deleted.isEmpty()
                && seed.graphs().stream().allMatch(this::sameAsSeed);
    }

    private boolean sameAsSeed(Node g) {
        Graph now = get().getGraph(g);
        Graph before = seed.copy().getGraph(g);
        if (now.size() != before.size()) return false;
        for (Iterator<org.apache.jena.graph.Triple> it = now.find(); it.hasNext(); ) {
            if (!before.contains(it.next())) return false;
        }
        return true;
    }

    private static Node var(Node n, String name) {
        return wild(n) ? Var.alloc(name) : n;
    }

    private static boolean wild(Node n) {
        return n == null || n.equals(Node.ANY);
    }
}
