package mx.zocalo.converter.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON file read for an RML logical source with {@code rml:JSONPath}: the records are the nodes the iterator
 * selects; a reference is JSONPath applied to a record, and gives one value per selected scalar (numbers as
 * written, booleans as {@code true}/{@code false}; nulls, objects and arrays give none).
 */
public final class JsonSource {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";

    private JsonSource() {}

    /** The records of {@code file}: the nodes {@code iterator} selects from the document root. */
    public static List<JsonNode> records(Path file, JsonPath iterator) {
        if (!Files.isRegularFile(file)) {
            throw new TableSourceException("source file not found: " + file.toAbsolutePath().normalize(), -1, null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new TableSourceException(file.getFileName() + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), -1, null);
        } catch (IOException e) {
            throw new TableSourceException(file.getFileName() + ": cannot read: " + e.getMessage(), -1, e);
        }
        if (root == null || root.isMissingNode()) {
            return List.of();
        }
        return iterator.select(root);
    }

    /**
     * The natural RDF datatype of each of the values {@link #values} gives, in the same order: {@code xsd:integer},
     * {@code xsd:double}, {@code xsd:boolean}, or null for a string.
     */
    public static List<String> datatypes(JsonNode record, JsonPath reference) {
        List<String> types = new ArrayList<>(1);
        for (JsonNode n : reference.select(record)) {
            if (n.isIntegralNumber()) {
                types.add(XSD + "integer");
            } else if (n.isNumber()) {
                types.add(XSD + "double");
            } else if (n.isBoolean()) {
                types.add(XSD + "boolean");
            } else if (n.isValueNode() && !n.isNull()) {
                types.add(null);
            }
        }
        return types;
    }

    /**
     * The values of {@code reference} in {@code record}, in document order.
     *
     * @throws IllegalArgumentException when the reference selects an object or an array instead of values
     */
    public static List<String> values(JsonNode record, JsonPath reference) {
        List<String> values = new ArrayList<>(1);
        for (JsonNode n : reference.select(record)) {
            if (n.isNumber()) {
                values.add(n.isBigDecimal() ? n.decimalValue().toPlainString() : n.asText());
            } else if (n.isValueNode() && !n.isNull()) {
                values.add(n.asText());
            } else if (n.isContainerNode()) {
                throw new IllegalArgumentException("reference \"" + reference.source() + "\" selects "
                        + (n.isArray() ? "an array" : "an object") + ", not values (for the items of an array, add [*])");
            }
        }
        return values;
    }
}
