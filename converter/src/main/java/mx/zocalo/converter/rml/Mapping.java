package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;

/** A parsed, validated RML mapping: its triples maps, by id too (for referencing object maps). */
record Mapping(Path file, List<TriplesMap> triplesMaps, Map<Node, TriplesMap> byId) {}
