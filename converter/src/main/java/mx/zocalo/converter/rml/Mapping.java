package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;

/**
 * A parsed, validated RML mapping: its triples maps, by id too (for referencing object maps), and the
 * prefixes it declares (passed on to writers so Turtle output reads like the mapping), and the vocabulary
 * the document was written in, in words ({@code RML (http://w3id.org/rml/)}, or the legacy RML and R2RML
 * namespaces {@link LegacyVocabulary} rewrites).
 */
record Mapping(Path file, List<TriplesMap> triplesMaps, Map<Node, TriplesMap> byId, Map<String, String> prefixes,
        String vocabulary) {}
