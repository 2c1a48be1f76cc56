package mx.zocalo.converter.rml;

import java.util.List;
import org.apache.jena.graph.Node;

/** The subject map of a triples map, with its classes and graph maps. */
record SubjectMap(TermMap term, List<Node> classes, List<TermMap> graphMaps) {}
