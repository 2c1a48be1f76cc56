package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import mx.zocalo.converter.RowResourceListener;
import org.apache.jena.graph.Node;

/**
 * The subjects the triples maps of one table made of its first rows, and then which of them each row became (see
 * {@link RowResourceListener} for the rule). Worker threads note the rows; the calling thread reports them once the
 * table has been read.
 */
final class FirstRowSubjects {
    private final int limit;
    private final List<TriplesMap> maps;
    /** Row number → its line and the first IRI subject of each triples map (null for none). */
    private final Map<Long, Noted> rows = new TreeMap<>();

    private record Noted(long line, Node[] subjects) {}

    /** @param maps the triples maps that map each row, in the order of {@link #note}'s {@code map} index */
    FirstRowSubjects(int limit, List<TriplesMap> maps) {
        this.limit = limit;
        this.maps = maps;
    }

    /** Data row {@code number} at {@code line}: triples map {@code map} made {@code subjects} of it. */
    void note(long number, long line, int map, List<Node> subjects) {
        if (number > limit) {
            return;
        }
        synchronized (rows) {
            rows.computeIfAbsent(number, n -> new Noted(line, new Node[maps.size()])).subjects()[map] = firstIri(subjects);
        }
    }

    /** Data row {@code number} failed: it became nothing. */
    void forget(long number) {
        if (number > limit) {
            return;
        }
        synchronized (rows) {
            rows.remove(number);
        }
    }

    /** Tells {@code listener} the resource of each row noted, in row order. */
    void report(Path table, RowResourceListener listener) {
        synchronized (rows) {
            if (maps.isEmpty() || rows.isEmpty()) {
                return;
            }
            List<Integer> candidates = new ArrayList<>();
            for (int k = 0; k < maps.size(); k++) {
                candidates.add(k);
            }
            candidates.sort(Comparator.comparingInt((Integer k) -> -distinct(k))
                    .thenComparingInt(k -> -maps.get(k).predicateObjectMaps().size())
                    .thenComparing(k -> maps.get(k).name()));
            int chosen = candidates.get(0);
            rows.forEach((number, noted) -> {
                Node s = noted.subjects()[chosen];
                if (s != null) {
                    listener.rowResource(table, number, noted.line(), s.getURI());
                }
            });
        }
    }

    /** How many different subjects triples map {@code k} made of the rows noted. */
    private int distinct(int k) {
        Set<Node> seen = new HashSet<>();
        for (Noted n : rows.values()) {
            if (n.subjects()[k] != null) {
                seen.add(n.subjects()[k]);
            }
        }
        return seen.size();
    }

    private static Node firstIri(List<Node> generated) {
        for (Node n : generated) {
            if (n.isURI()) {
                return n;
            }
        }
        return null;
    }
}
