package mx.zocalo.server.publish;

import java.util.Arrays;
import java.util.Iterator;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * The difference between two versions of a dataset's graph, row by row: rows added, removed and changed. A row is a
 * subject of the rows' class (the class of the first row's resource); it is the same row in both versions when it has
 * the same IRI, and changed when the set of its triples differs. Each version is read ONCE, in one pass over its
 * graph, into a compact fingerprint: per subject, a 64-bit hash of its IRI and the sum of 64-bit hashes of its
 * (predicate, object) pairs (a sum: the order the store gives triples in does not matter), in a primitive
 * open-addressing table, so that a 927k-row graph needs some tens of MB, not its triples.
 *
 * <p>Rows named by blank nodes, or by their row number (the automatic mapping without an identifier column), have no
 * stable identifiers: their difference is not computed ({@link Result#stable()} false).
 */
public final class RowDiff {
    private RowDiff() {}

    /** The figures; {@code stable} false (and the figures -1) when rows have no stable identifiers. */
    public record Result(boolean stable, long added, long removed, long changed) {
        public static final Result NO_STABLE_IDENTIFIERS = new Result(false, -1, -1, -1);
    }

    /** The rows of one version of a graph: per row subject, the hash of its triples. */
    public static final class Fingerprint {
        private final LongTable rows;
        final boolean blankRows;

        private Fingerprint(LongTable rows, boolean blankRows) {
            this.rows = rows;
            this.blankRows = blankRows;
        }

        public long rows() {
            return rows.size();
        }
    }

    /**
     * Reads the rows of {@code graph}: the subjects typed {@code rowClass} (null: none) and their triples. One pass over
     * the graph's triples.
     */
    public static Fingerprint scan(DatasetGraph dsg, Node graph, Node rowClass) {
        LongTable all = new LongTable(1 << 16);
        LongTable rowKeys = new LongTable(1 << 16);
        boolean[] blank = {false};
        Node type = RDF.type.asNode();
        Iterator<Quad> it = dsg.find(graph, Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            Node s = q.getSubject();
            long key = hash(s);
            all.add(key, mix(hash(q.getPredicate()) * 31 + hash(q.getObject())));
            if (rowClass != null && q.getPredicate().equals(type) && q.getObject().equals(rowClass)) {
                rowKeys.add(key, 0);
                if (s.isBlank()) blank[0] = true;
            }
        }
        LongTable rows = new LongTable(Math.max(16, rowKeys.size() * 2));
        rowKeys.forEach((k, ignored) -> rows.add(k, all.get(k)));
        return new Fingerprint(rows, blank[0]);
    }

    /** What changed from {@code before} to {@code after}. */
    public static Result compare(Fingerprint before, Fingerprint after) {
        if (before.blankRows || after.blankRows) return Result.NO_STABLE_IDENTIFIERS;
        long[] removed = {0};
        long[] changed = {0};
        before.rows.forEach((k, h) -> {
            if (!after.rows.contains(k)) removed[0]++;
            else if (after.rows.get(k) != h) changed[0]++;
        });
        long kept = before.rows.size() - removed[0];
        return new Result(true, after.rows.size() - kept, removed[0], changed[0]);
    }

    /** A 64-bit hash of a term: its kind and lexical form (with datatype or language); blank nodes all alike. */
    static long hash(Node n) {
        if (n.isBlank()) return 0x9E3779B97F4A7C15L;
        if (n.isURI()) return fnv(n.getURI(), 1);
        if (n.isLiteral()) {
            long h = fnv(n.getLiteralLexicalForm(), 2);
            String lang = n.getLiteralLanguage();
            return mix(h ^ (lang.isEmpty() ? fnv(n.getLiteralDatatypeURI(), 3) : fnv(lang, 4)));
        }
        return fnv(n.toString(), 5);
    }

    private static long fnv(String s, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The finaliser of SplitMix64: spreads every bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** long → long, open addressing, adding to a key's value; key 0 is kept aside. */
    static final class LongTable {
        interface Visitor {
            void visit(long key, long value);
        }

        private long[] keys;
        private long[] values;
        private int size;
        private boolean hasZero;
        private long zeroValue;

        LongTable(int capacity) {
            int c = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
            keys = new long[c];
            values = new long[c];
        }

        int size() {
            return size + (hasZero ? 1 : 0);
        }

        void add(long key, long delta) {
            if (key == 0) {
                hasZero = true;
                zeroValue += delta;
                return;
            }
            int mask = keys.length - 1;
            int i = (int) mix(key) & mask;
            while (keys[i] != 0 && keys[i] != key) i = (i + 1) & mask;
            if (keys[i] == 0) {
                keys[i] = key;
                size++;
            }
            values[i] += delta;
            if (size * 2 > keys.length) grow();
        }

        boolean contains(long key) {
            return key == 0 ? hasZero : slot(key) >= 0;
        }

        long get(long key) {
            if (key == 0) return zeroValue;
            int i = slot(key);
            return i < 0 ? 0 : values[i];
        }

        private int slot(long key) {
            int mask = keys.length - 1;
            int i = (int) mix(key) & mask;
            while (keys[i] != 0) {
                if (keys[i] == key) return i;
                i = (i + 1) & mask;
            }
            return -1;
        }

        void forEach(Visitor v) {
            if (hasZero) v.visit(0, zeroValue);
            for (int i = 0; i < keys.length; i++) if (keys[i] != 0) v.visit(keys[i], values[i]);
        }

        private void grow() {
            long[] k = keys;
            long[] val = values;
            keys = new long[k.length * 2];
            values = new long[k.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < k.length; j++) {
                if (k[j] == 0) continue;
                int i = (int) mix(k[j]) & mask;
                while (keys[i] != 0) i = (i + 1) & mask;
                keys[i] = k[j];
                values[i] = val[j];
            }
        }

        /** Bytes held by the arrays (for the bench's figures). */
        long bytes() {
            return (long) keys.length * 16;
        }

        @Override
        public String toString() {
            return "LongTable" + Arrays.toString(new int[] {size(), keys.length});
        }
    }
}
