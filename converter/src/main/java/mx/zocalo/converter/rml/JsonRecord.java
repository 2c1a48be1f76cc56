package mx.zocalo.converter.rml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.zocalo.converter.source.JsonPath;
import mx.zocalo.converter.source.JsonSource;

/**
 * A node selected by a JSON logical source's iterator; references are JSONPath relative to it (parsed once). A JSON
 * {@code null} is NULL (no value), and so is a scalar whose text the source lists with {@code rml:null} ({@code nulls}).
 */
record JsonRecord(Map<String, JsonPath> paths, JsonNode node, Set<String> nulls) implements Record {

    JsonRecord(Map<String, JsonPath> paths, JsonNode node) {
        this(paths, node, Set.of());
    }

    @Override
    public List<String> values(String reference) {
        JsonPath path = paths.computeIfAbsent(reference, JsonPath::parse);
        List<String> values;
        try {
            values = JsonSource.values(node, path);
        } catch (IllegalArgumentException e) {
            throw new DataException(reference, e.getMessage());
        }
        if (!nulls.isEmpty() && values.stream().anyMatch(nulls::contains)) {
            values = new ArrayList<>(values);
            values.removeIf(nulls::contains);
        }
        return values;
    }

    /** Objects and arrays the reference selects as JSON text, with its other values; null when it selects only values. */
    @Override
    public List<String> functionInput(String reference) {
        List<JsonNode> selected = paths.computeIfAbsent(reference, JsonPath::parse).select(node);
        if (selected.stream().noneMatch(JsonNode::isContainerNode)) {
            return null;
        }
        List<String> out = new ArrayList<>(selected.size());
        for (JsonNode n : selected) {
            if (n.isContainerNode()) {
                out.add(n.toString());
            } else if (!n.isNull()) {
                String value = JsonSource.values(n, ROOT).get(0);
                if (!nulls.contains(value)) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    /** The JSON nodes a reference selects, NULLs left out: the records of the fields nested in a view's field. */
    List<JsonNode> nodes(String reference) {
        List<JsonNode> nodes = new ArrayList<>(paths.computeIfAbsent(reference, JsonPath::parse).select(node));
        nodes.removeIf(n -> n.isNull() || n.isValueNode() && nulls.contains(JsonSource.values(n, ROOT).get(0)));
        return nodes;
    }

    @Override
    public List<String> datatypes(String reference) {
        JsonPath path = paths.computeIfAbsent(reference, JsonPath::parse);
        List<String> types = JsonSource.datatypes(node, path);
        if (nulls.isEmpty()) {
            return types;
        }
        List<String> values = JsonSource.values(node, path); // the same values, in the same order
        List<String> kept = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            if (!nulls.contains(values.get(i))) {
                kept.add(types.get(i));
            }
        }
        return kept;
    }

    private static final JsonPath ROOT = JsonPath.parse("$");
}
