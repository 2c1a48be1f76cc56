package mx.zocalo.converter.rml;

import java.util.List;

/** Predicate maps × object maps (plain and referencing), written into the graph maps. */
record PredicateObjectMap(
        List<TermMap> predicateMaps, List<TermMap> objectMaps, List<RefObjectMap> refObjectMaps, List<TermMap> graphMaps) {}
