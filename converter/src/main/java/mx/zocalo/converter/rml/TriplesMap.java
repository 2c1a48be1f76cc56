package mx.zocalo.converter.rml;

import java.util.List;
import org.apache.jena.graph.Node;

/**
 * One triples map: rows from the logical source, one subject per row, predicate-object maps.
 *
 * @param name how messages name it, e.g. {@code <#Students>}
 * @param base base IRI for relative IRIs this triples map generates
 */
record TriplesMap(
        Node id, String name, String base, AbstractSource logicalSource, SubjectMap subjectMap,
        List<PredicateObjectMap> predicateObjectMaps) {}
