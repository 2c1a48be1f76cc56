package mx.zocalo.server.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphBaseFind;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.util.iterator.WrappedIterator;

/**
 * A read-only {@link DatasetGraph} over a remote SPARQL store, for the portal's pages.
 * <ul>
 * <li>The mirrored graphs (catalog, vocabularies) are answered from a local copy that {@link RemoteStore} refreshes when
 * the version marker changes: catalog pages never wait for the network.</li>
 * <li>A whole named graph ({@code find(g, ANY, ANY, ANY)}) is one Graph Store Protocol GET.</li>
 * <li>One property of one subject ({@code find(g, s, p, ANY)}: a label, a type) is answered from the subject's whole
 * description, fetched once with one SELECT when it has at most {@value #DESCRIPTION} quads: a page that labels 50
 * linked resources asks 50 questions, not one per label property.</li>
 * <li>{@link #prefetch} answers those questions for a whole page ahead of time: one SELECT with {@code VALUES} for up
 * to {@value #PREFETCH} subjects and the label properties.</li>
 * <li>Any other pattern is a SELECT with the bound terms substituted, fetched {@value #PAGE} quads at a time (a caller that
 * stops early — "the first 100 incoming links" — fetches one page); results that fit in one page are cached until the
 * version marker changes.</li>
 * </ul>
 * Writes are refused: {@link RemoteStore#write} stages them locally and sends them as protocol requests.
 */
final class RemoteDatasetGraph extends DatasetGraphBaseFind implements LabelPrefetch {
    static final int PAGE = 10_000;
    /** A subject with at most this many quads is fetched whole when one of its properties is asked for. */
    static final int DESCRIPTION = 500;
    private static final int CACHE_ENTRIES = 20_000; // label prefetches put one entry per subject and label property
    private static final Var G = Var.alloc("g"), S = Var.alloc("s"), P = Var.alloc("p"), O = Var.alloc("o");
    private static final Query NAMED = QueryFactory.create("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }");
    private static final Query DEFAULT = QueryFactory.create("SELECT * WHERE { ?s ?p ?o }");
    private static final Query HAS_GRAPH = QueryFactory.create("ASK WHERE { GRAPH ?g { ?s ?p ?o } }");
    private static final Query GRAPHS = QueryFactory.create("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }");

    private final RemoteEndpoints remote;
    private final Supplier<Mirror> mirror;
    private final Map<Quad, List<Quad>> cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Quad, List<Quad>> eldest) {
            return size() > CACHE_ENTRIES;
        }
    });

    /** Subjects found to have more than {@value #DESCRIPTION} quads. */
    private final Map<Quad, Boolean> tooLarge = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Quad, Boolean> eldest) {
            return size() > CACHE_ENTRIES;
        }
    });

    /** The local copy of the mirrored graphs at one version of the remote store. */
    record Mirror(String version, java.util.Set<Node> graphs, DatasetGraph copy) {
        boolean holds(Node g) {
            return g != null && graphs.contains(g);
        }
    }

    RemoteDatasetGraph(RemoteEndpoints remote, Supplier<Mirror> mirror) {
        this.remote = remote;
        this.mirror = mirror;
    }

    void forget() {
        cache.clear();
        tooLarge.clear();
    }

    /**
     * "Any graph" is the named graphs: the store's default graph is expected to be their union (as the embedded store's
     * is), so asking it too would return every quad twice.
     */
    @Override
    protected Iterator<Quad> findAny(Node s, Node p, Node o) {
        return findInAnyNamedGraphs(s, p, o);
    }

    @Override
    protected Iterator<Quad> findInDftGraph(Node s, Node p, Node o) {
        return pattern(Quad.defaultGraphIRI, s, p, o);
    }

    @Override
    protected Iterator<Quad> findInSpecificNamedGraph(Node g, Node s, Node p, Node o) {
        Mirror m = mirror.get();
        if (m.holds(g)) return m.copy().find(g, s, p, o);
        if (isWildcard(s) && isWildcard(p) && isWildcard(o)) {
            return WrappedIterator.create(remote.get(g).find()).mapWith(t -> new Quad(g, t));
        }
        return pattern(g, s, p, o);
    }

    @Override
    protected Iterator<Quad> findInAnyNamedGraphs(Node s, Node p, Node o) {
        return pattern(Node.ANY, s, p, o);
    }

    /** Subjects per prefetch query. */
    static final int PREFETCH = 200;

    @Override
    public void prefetch(java.util.Collection<Node> subjects, List<Node> predicates) {
        List<Node> todo = new ArrayList<>();
        for (Node s : new java.util.LinkedHashSet<>(subjects)) {
            if (!s.isURI()) continue;
            for (Node p : predicates) {
                if (cache.get(new Quad(Node.ANY, s, p, Node.ANY)) == null) {
                    todo.add(s);
                    break;
                }
            }
        }
        for (int from = 0; from < todo.size(); from += PREFETCH) {
            List<Node> chunk = todo.subList(from, Math.min(todo.size(), from + PREFETCH));
            StringBuilder q = new StringBuilder("SELECT ?g ?s ?p ?o WHERE { VALUES ?s {");
            for (Node s : chunk) q.append(' ').append(org.apache.jena.riot.out.NodeFmtLib.strNT(s));
            q.append(" } VALUES ?p {");
            for (Node p : predicates) q.append(' ').append(org.apache.jena.riot.out.NodeFmtLib.strNT(p));
            q.append(" } GRAPH ?g { ?s ?p ?o } }");
            Map<Quad, List<Quad>> found = new LinkedHashMap<>();
            for (Node s : chunk) {
                for (Node p : predicates) found.put(new Quad(Node.ANY, s, p, Node.ANY), new ArrayList<>());
            }
            for (Binding b : remote.select(QueryFactory.create(q.toString()), Map.of())) {
                Node s = b.get(S);
                Node p = b.get(P);
                List<Quad> list = found.get(new Quad(Node.ANY, s, p, Node.ANY));
                if (list != null) list.add(new Quad(b.get(G), s, p, b.get(O)));
            }
            found.forEach(cache::put);
        }
    }

    private Iterator<Quad> pattern(Node g, Node s, Node p, Node o) {
        List<Quad> known = cache.get(new Quad(wild(g), wild(s), wild(p), wild(o)));
        if (known != null) return known.iterator();
        if (!isWildcard(s) && !isWildcard(p)) {
            // one property of one subject (a label, a type): fetch the subject's description once and answer from it
            List<Quad> description = description(wild(g), s);
            if (description != null) {
                return description.stream().filter(q -> q.getPredicate().equals(p) && (isWildcard(o) || q.getObject().equals(o)))
                        .iterator();
            }
        }
        Quad key = new Quad(wild(g), wild(s), wild(p), wild(o));
        List<Quad> cached = cache.get(key);
        if (cached != null) return cached.iterator();
        Paged paged = new Paged(key);
        if (paged.complete()) cache.put(key, paged.buffer);
        return paged;
    }

    /**
     * Every quad of subject {@code s} (in graph {@code g}, or any named graph), cached like a pattern; {@code null} when
     * it has more than {@value #DESCRIPTION} (a hub: its properties are then asked one by one).
     */
    private List<Quad> description(Node g, Node s) {
        Quad key = new Quad(g, s, Node.ANY, Node.ANY);
        List<Quad> cached = cache.get(key);
        if (cached != null) return cached;
        if (tooLarge.containsKey(key)) return null;
        boolean dft = Quad.isDefaultGraph(g);
        Query q = (dft ? DEFAULT : NAMED).cloneQuery();
        q.setLimit(DESCRIPTION + 1L);
        Map<Var, Node> bound = new LinkedHashMap<>();
        if (!dft && !isWildcard(g)) bound.put(G, g);
        bound.put(S, s);
        List<Quad> quads = new ArrayList<>();
        for (Binding b : remote.select(q, bound)) {
            quads.add(new Quad(dft ? Quad.defaultGraphIRI : value(b, G, g), s, b.get(P), b.get(O)));
        }
        if (quads.size() > DESCRIPTION) {
            tooLarge.put(key, Boolean.TRUE);
            return null;
        }
        cache.put(key, quads);
        return quads;
    }

    /** The quads of one pattern, a page at a time. */
    private final class Paged implements Iterator<Quad> {
        private final Quad pattern;
        private List<Quad> buffer;
        private int index;
        private long offset;

        Paged(Quad pattern) {
            this.pattern = pattern;
            fetch();
        }

        boolean complete() {
            return offset == 0 && buffer.size() < PAGE;
        }

        private void fetch() {
            boolean dft = Quad.isDefaultGraph(pattern.getGraph());
            Query q = (dft ? DEFAULT : NAMED).cloneQuery();
            q.setLimit(PAGE);
            if (offset > 0) q.setOffset(offset);
            Map<Var, Node> bound = new LinkedHashMap<>();
            if (!dft && !isWildcard(pattern.getGraph())) bound.put(G, pattern.getGraph());
            if (!isWildcard(pattern.getSubject())) bound.put(S, pattern.getSubject());
            if (!isWildcard(pattern.getPredicate())) bound.put(P, pattern.getPredicate());
            if (!isWildcard(pattern.getObject())) bound.put(O, pattern.getObject());
            List<Quad> page = new ArrayList<>();
            for (Binding b : remote.select(q, bound)) {
                page.add(new Quad(dft ? Quad.defaultGraphIRI : value(b, G, pattern.getGraph()), value(b, S, pattern.getSubject()),
                        value(b, P, pattern.getPredicate()), value(b, O, pattern.getObject())));
            }
            buffer = page;
            index = 0;
        }

        @Override
        public boolean hasNext() {
            if (index < buffer.size()) return true;
            if (buffer.size() < PAGE) return false;
            offset += PAGE;
            fetch();
            return index < buffer.size();
        }

        @Override
        public Quad next() {
            if (!hasNext()) throw new NoSuchElementException();
            return buffer.get(index++);
        }
    }

    private static Node value(Binding b, Var v, Node bound) {
        Node n = b.get(v);
        return n != null ? n : bound;
    }

    private static Node wild(Node n) {
        return n == null ? Node.ANY : n;
    }

    @Override
    public boolean containsGraph(Node g) {
        Mirror m = mirror.get();
        if (m.holds(g)) return m.copy().containsGraph(g) && !m.copy().getGraph(g).isEmpty();
        return remote.ask(HAS_GRAPH, Map.of(G, g));
    }

    @Override
    public Iterator<Node> listGraphNodes() {
        return remote.select(GRAPHS, Map.of()).stream().map(b -> b.get(G)).iterator();
    }

    @Override
    public Graph getDefaultGraph() {
        return new View(this, Quad.defaultGraphIRI);
    }

    @Override
    public Graph getGraph(Node g) {
        return new View(this, g);
    }

    /** A named graph of the view: emptiness is one ASK, not a download. */
    private static final class View extends GraphView {
        private final RemoteDatasetGraph dsg;

        View(RemoteDatasetGraph dsg, Node name) {
            super(dsg, name);
            this.dsg = dsg;
        }

        @Override
        public boolean isEmpty() {
            Node g = getGraphName();
            if (g == null || Quad.isDefaultGraph(g)) return !find().hasNext();
            return !dsg.containsGraph(g);
        }
    }

    @Override
    public void addGraph(Node graphName, Graph graph) {
        throw readOnly();
    }

    @Override
    public void removeGraph(Node graphName) {
        throw readOnly();
    }

    @Override
    public void add(Quad quad) {
        throw readOnly();
    }

    @Override
    public void delete(Quad quad) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("The remote store's read view is read-only; write with Store.write");
    }

    @Override
    public PrefixMap prefixes() {
        return PrefixMapFactory.emptyPrefixMap();
    }

    // No transactions: each request to the remote store is atomic on its own.
    @Override
    public boolean supportsTransactions() {
        return false;
    }

    @Override
    public void begin(TxnType type) {}

    @Override
    public void begin(ReadWrite readWrite) {}

    @Override
    public boolean promote(Promote mode) {
        return false;
    }

    @Override
    public void commit() {}

    @Override
    public void abort() {}

    @Override
    public void end() {}

    @Override
    public ReadWrite transactionMode() {
        return null;
    }

    @Override
    public TxnType transactionType() {
        return null;
    }

    @Override
    public boolean isInTransaction() {
        return false;
    }
}
