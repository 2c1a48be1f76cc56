package mx.zocalo.server.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import mx.zocalo.converter.auto.ColumnType;

/**
 * The {@code dataset.yaml} of a dataset published from the web: the DCAT fields a publisher gave (as JSON or YAML, the
 * fields of a dataset.yaml), checked (only known fields; links http(s); an e-mail that looks like one), and the fields
 * the portal sets itself (slug, organisation, source file, mapping).
 */
public final class DatasetYaml {
    /** The fields a publisher may give. */
    public static final Set<String> FIELDS = Set.of("title", "description", "keywords", "themes", "license", "contact",
            "publisher", "temporal", "spatial", "accrualPeriodicity", "issued", "modified", "views", "sampleQuery", "source",
            "slug", "organisation");
    private static final Set<String> SOURCE_FIELDS = Set.of("headerRow", "sheet", "idColumn", "encoding", "delimiter", "title",
            "columns");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    static final ObjectMapper JSON = new ObjectMapper();

    private DatasetYaml() {}

    /** Parses the metadata a client sent: JSON, or YAML (a JSON object is YAML too). */
    public static ObjectNode parse(String text) {
        if (text == null || text.isBlank()) return JSON.createObjectNode();
        JsonNode n;
        try {
            n = YAML.readTree(text);
        } catch (IOException e) {
            throw new UploadProblem(400, "The metadata is neither JSON nor YAML: " + e.getMessage().lines().findFirst().orElse(""), "metadata");
        }
        if (n == null || n.isNull() || n.isMissingNode()) return JSON.createObjectNode();
        if (!n.isObject()) throw new UploadProblem(400, "The metadata must be an object with the fields of a dataset.yaml", "metadata");
        return (ObjectNode) n;
    }

    /** Refuses unknown fields, links that are not http(s), and e-mails that are not e-mails. */
    public static void check(ObjectNode m) {
        for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) throw new UploadProblem(422, "Unknown field '" + f + "'; the fields are " + String.join(", ", FIELDS.stream().sorted().toList()), f);
        }
        if (m.path("source").isObject()) {
            for (Iterator<String> it = m.path("source").fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!SOURCE_FIELDS.contains(f)) throw new UploadProblem(422, "source." + f + " is set by the portal or unknown", "source." + f);
            }
        } else if (!m.path("source").isMissingNode()) {
            throw new UploadProblem(422, "source must be an object (headerRow, sheet, idColumn, encoding, delimiter, columns)", "source");
        }
        columns(m.path("source").path("columns"));
        link(m.path("license"), "license");
        link(m.path("spatial"), "spatial");
        link(m.path("contact").path("url"), "contact.url");
        link(m.path("publisher").path("homepage"), "publisher.homepage");
        JsonNode email = m.path("contact").path("email");
        if (!email.isMissingNode() && !email.isNull() && !EMAIL.matcher(email.asText()).matches()) {
            throw new UploadProblem(422, "contact.email is not an e-mail address: '" + email.asText() + "'", "contact.email");
        }
    }

    /** {@code source.columns}: each column's header → {@code {type, label: {es, en}}}, the type one the converter knows. */
    private static void columns(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return;
        if (!n.isObject()) throw new UploadProblem(422, "source.columns must map each column's header to {type, label: {es, en}}", "source.columns");
        n.fields().forEachRemaining(e -> {
            String field = "source.columns." + e.getKey();
            JsonNode c = e.getValue();
            if (!c.isObject()) throw new UploadProblem(422, field + " must be {type, label: {es, en}}", field);
            c.fieldNames().forEachRemaining(k -> {
                if (!k.equals("type") && !k.equals("label")) throw new UploadProblem(422, field + "." + k + " is unknown; a column has type and label", field + "." + k);
            });
            JsonNode t = c.path("type");
            if (!t.isMissingNode() && !t.isNull() && ColumnType.of(t.asText()) == null) {
                throw new UploadProblem(422, field + ".type: unknown type '" + t.asText() + "', use one of " + String.join(", ", ColumnType.names()), field + ".type");
            }
            JsonNode l = c.path("label");
            if (!l.isMissingNode() && !l.isNull() && !l.isTextual() && !l.isObject()) {
                throw new UploadProblem(422, field + ".label must be {es, en}", field + ".label");
            }
        });
    }

    private static void link(JsonNode n, String field) {
        if (n.isMissingNode() || n.isNull() || n.asText().isBlank()) return;
        String v = n.asText().strip();
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) return;
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        throw new UploadProblem(422, field + " must be an http or https link, not '" + v + "'", field);
    }

    /** The dataset.yaml: the publisher's fields, then the portal's own. */
    static ObjectNode complete(ObjectNode given, String slug, String organisation, String fileName, String mediaType, String mapping) {
        ObjectNode y = JSON.createObjectNode();
        y.put("slug", slug);
        if (organisation != null) y.put("organisation", organisation);
        given.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("slug") && !e.getKey().equals("organisation") && !e.getKey().equals("source")) y.set(e.getKey(), e.getValue());
        });
        ObjectNode source = y.putObject("source");
        source.put("file", fileName);
        source.put("mediaType", mediaType);
        if (given.path("source").isObject()) {
            given.path("source").fields().forEachRemaining(e -> {
                if (e.getValue().isContainerNode() ? !e.getValue().isEmpty() : !e.getValue().isNull() && !e.getValue().asText().isBlank()) {
                    source.set(e.getKey(), e.getValue());
                }
            });
        }
        if (mapping != null) y.put("mapping", mapping);
        return y;
    }

    static void write(ObjectNode y, Path file) {
        try {
            YAML.writeValue(file.toFile(), y);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static ObjectNode read(Path file) {
        try {
            JsonNode n = YAML.readTree(file.toFile());
            return n != null && n.isObject() ? (ObjectNode) n : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
