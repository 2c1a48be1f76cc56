package mx.zocalo.converter.rml;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.zocalo.converter.RowErrorHandler;
import org.apache.jena.graph.Node;

/**
 * The parent side of a referencing object map with join conditions, read once: join values (of the
 * {@code rml:parentMap}s) → the distinct subjects of the parent rows with those values (a parent repeated on many rows
 * yields its subject once, as the output is a set of triples). A child row's objects are the subjects under its own
 * join values (of the {@code rml:childMap}s).
 */
final class ParentIndex {
    private final List<TermMap> childSides;
    private final Map<List<String>, Collection<Node>> subjects;

    private ParentIndex(List<TermMap> childSides, Map<List<String>, Collection<Node>> subjects) {
        this.childSides = childSides;
        this.subjects = subjects;
    }

    /**
     * Reads the parent triples map's source. A parent row whose subject or join values fail is reported to
     * {@code rowErrors} and left out (the parent's own pass over its rows counts it as skipped).
     */
    static ParentIndex read(RefObjectMap ref, TriplesMap parent, RecordSources sources, TermGenerator terms,
            RowErrorHandler rowErrors) {
        Map<List<String>, Collection<Node>> index = new HashMap<>();
        List<TermMap> parentSides = ref.joinConditions().stream().map(JoinCondition::parent).toList();
        try (Records table = sources.open(parent)) {
            RecordSources.checkColumns(table, parent.subjectMap().term().references(), parent.subjectMap().term().rule());
            RecordSources.checkColumns(table, parentSides.stream().flatMap(m -> m.references().stream()).toList(),
                    "join condition (rml:parent) of the " + ref.rule());
            for (Record values = RecordSources.next(table); values != null; values = RecordSources.next(table)) {
                List<List<String>> keys;
                List<Node> found;
                try {
                    keys = JoinKeys.of(terms, values, parentSides, parent.base());
                    if (keys.isEmpty()) {
                        continue;
                    }
                    found = RuleFailure.eval(terms, parent.subjectMap().term(), values, parent.base());
                } catch (RuleFailure f) {
                    rowErrors.rowFailed(f.at(table));
                    continue;
                }
                for (List<String> key : keys) {
                    index.computeIfAbsent(key, k -> new LinkedHashSet<>(2)).addAll(found);
                }
            }
        }
        return new ParentIndex(ref.joinConditions().stream().map(JoinCondition::child).toList(), index);
    }

    /** The parent subjects that join the child {@code row} (read with the child's {@code base}). */
    Collection<Node> subjects(TermGenerator terms, Record row, String base) {
        List<List<String>> keys = JoinKeys.of(terms, row, childSides, base);
        if (keys.size() == 1) {
            return subjects.getOrDefault(keys.get(0), List.of());
        }
        Set<Node> all = new LinkedHashSet<>();
        for (List<String> key : keys) {
            all.addAll(subjects.getOrDefault(key, List.of()));
        }
        return all;
    }
}
