package mx.zocalo.converter.rml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import mx.zocalo.converter.source.JsonPath;
import mx.zocalo.converter.source.JsonSource;

/** A node selected by a JSON logical source's iterator; references are JSONPath relative to it (parsed once). */
record JsonRecord(Map<String, JsonPath> paths, JsonNode node) implements Record {
    @Override
    public List<String> values(String reference) {
        JsonPath path = paths.computeIfAbsent(reference, JsonPath::parse);
        try {
            return JsonSource.values(node, path);
        } catch (IllegalArgumentException e) {
            throw new DataException(reference, e.getMessage());
        }
    }

    /** The JSON nodes a reference selects, JSON nulls left out: the records of the fields nested in a view's field. */
    List<JsonNode> nodes(String reference) {
        List<JsonNode> nodes = new java.util.ArrayList<>(paths.computeIfAbsent(reference, JsonPath::parse).select(node));
        nodes.removeIf(JsonNode::isNull);
        return nodes;
    }

    @Override
    public List<String> datatypes(String reference) {
        return JsonSource.datatypes(node, paths.computeIfAbsent(reference, JsonPath::parse));
    }
}
