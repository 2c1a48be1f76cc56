package mx.zocalo.converter.rml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * Makes the quads of one record for a triples map (RML-Core section 11): a subject per value of the subject map, its
 * classes, and for each predicate-object map every predicate × every object (plain, or the subjects of the parent
 * triples map a referencing object map joins), in the graphs of the subject map and of the predicate-object map (the
 * default graph when there are none). Thread-safe once built: workers share it.
 */
final class QuadGenerator {
    private static final Node TYPE = RDF.type.asNode();

    private final Mapping mapping;
    private final TermGenerator terms;
    private final Map<RefObjectMap, ParentIndex> joins;

    /** @param joins the parent index of each referencing object map with join conditions */
    QuadGenerator(Mapping mapping, TermGenerator terms, Map<RefObjectMap, ParentIndex> joins) {
        this.mapping = mapping;
        this.terms = terms;
        this.joins = joins;
    }

    /**
     * Adds the quads of {@code row} to {@code out} and returns the subjects they are about; a term map that fails throws
     * {@link RuleFailure}.
     */
    List<Node> generate(TriplesMap tm, Record row, List<Quad> out) {
        List<Node> subjects = eval(tm.subjectMap().term(), row, tm.base());
        for (Node subject : subjects) {
            generate(tm, subject, row, out);
        }
        return subjects;
    }

    private void generate(TriplesMap tm, Node subject, Record row, List<Quad> out) {
        SubjectMap sm = tm.subjectMap();
        List<Node> subjectGraphs = graphs(sm.graphMaps(), row, tm.base());
        for (Node c : sm.classes()) {
            emit(out, subjectGraphs, List.of(), subject, TYPE, c);
        }
        for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
            List<Node> pomGraphs = graphs(pom.graphMaps(), row, tm.base());
            if (!pom.graphMaps().isEmpty() && pomGraphs.isEmpty() && subjectGraphs.isEmpty()) {
                continue; // every graph map of this row was empty
            }
            List<Node> predicates = new ArrayList<>(pom.predicateMaps().size());
            for (TermMap pm : pom.predicateMaps()) {
                predicates.addAll(eval(pm, row, tm.base()));
            }
            if (predicates.isEmpty()) {
                continue;
            }
            List<Node> objects = new ArrayList<>();
            for (TermMap om : pom.objectMaps()) {
                objects.addAll(eval(om, row, tm.base()));
            }
            for (RefObjectMap ref : pom.refObjectMaps()) {
                ParentIndex index = joins.get(ref);
                if (index == null) { // no join condition: the parent's subjects on this same record
                    TriplesMap parent = mapping.byId().get(ref.parent());
                    objects.addAll(eval(parent.subjectMap().term(), row, parent.base()));
                } else {
                    objects.addAll(index.subjects(terms, row, tm.base()));
                }
            }
            for (Node p : predicates) {
                for (Node o : objects) {
                    emit(out, subjectGraphs, pomGraphs, subject, p, o);
                }
            }
        }
    }

    private List<Node> eval(TermMap map, Record row, String base) {
        return RuleFailure.eval(terms, map, row, base);
    }

    private List<Node> graphs(List<TermMap> graphMaps, Record row, String base) {
        if (graphMaps.isEmpty()) {
            return List.of();
        }
        List<Node> graphs = new ArrayList<>(graphMaps.size());
        for (TermMap gm : graphMaps) {
            graphs.addAll(eval(gm, row, base));
        }
        return graphs;
    }

    private static void emit(List<Quad> out, List<Node> subjectGraphs, List<Node> pomGraphs, Node s, Node p, Node o) {
        if (subjectGraphs.isEmpty() && pomGraphs.isEmpty()) {
            out.add(Quad.create(Quad.defaultGraphNodeGenerated, s, p, o));
            return;
        }
        for (Node g : subjectGraphs) {
            out.add(Quad.create(g.equals(Rml.defaultGraph) ? Quad.defaultGraphNodeGenerated : g, s, p, o));
        }
        for (Node g : pomGraphs) {
            out.add(Quad.create(g.equals(Rml.defaultGraph) ? Quad.defaultGraphNodeGenerated : g, s, p, o));
        }
    }

    /**
     * A triples map whose every term is constant gives the same triples on every record: the runner makes them once.
     */
    static boolean constant(TriplesMap tm) {
        SubjectMap sm = tm.subjectMap();
        if (!constant(sm.term()) || !sm.graphMaps().stream().allMatch(QuadGenerator::constant)) {
            return false;
        }
        for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
            if (!pom.refObjectMaps().isEmpty() || !pom.predicateMaps().stream().allMatch(QuadGenerator::constant)
                    || !pom.objectMaps().stream().allMatch(QuadGenerator::constant)
                    || !pom.graphMaps().stream().allMatch(QuadGenerator::constant)) {
                return false;
            }
        }
        return true;
    }

    private static boolean constant(TermMap m) {
        return m.constant() != null && m.function() == null && m.condition() == null && m.datatypeMap() == null
                && m.languageMap() == null && !(m.constant().isBlank());
    }
}
