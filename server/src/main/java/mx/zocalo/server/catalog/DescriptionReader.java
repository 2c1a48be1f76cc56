package mx.zocalo.server.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import mx.zocalo.converter.SourceOptions;
import mx.zocalo.converter.auto.ColumnOverride;
import mx.zocalo.converter.auto.ColumnType;

/**
 * Reads a {@code dataset.yaml}. Errors name the file and the field, in words a publisher understands.
 *
 * <pre>{@code
 * DatasetDescription d = DescriptionReader.read(Path.of("mappings/cuenta-publica"));
 * }</pre>
 */
public final class DescriptionReader {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DescriptionReader() {}

    /** Reads {@code path}: a {@code dataset.yaml} file, or a folder that holds one. */
    public static DatasetDescription read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("dataset.yaml") : path;
        if (!Files.isRegularFile(file)) {
            throw new DescriptionException(file + ": no such file (expected a dataset.yaml)");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new DescriptionException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DescriptionException(file + ": expected a YAML mapping with slug, title, source and (optionally) mapping");
        }
        return new Fields(file, root).description();
    }

    /** Reads the fields of one description, remembering the file for error messages. */
    private record Fields(Path file, JsonNode root) {

        DatasetDescription description() {
            Path folder = file.toAbsolutePath().getParent();
            String slug = required("slug");
            if (!SLUG.matcher(slug).matches()) {
                throw error("slug", "must be lowercase letters, digits and hyphens, got '" + slug + "'");
            }
            JsonNode src = root.path("source");
            String sourceFile = src.isTextual() ? src.asText() : text(src, "file");
            if (sourceFile == null) throw error("source.file", "is missing");
            Path data = folder.resolve(sourceFile).normalize();
            if (!Files.isRegularFile(data)) throw error("source.file", "names " + data + ", which does not exist");
            String mappingName = text(root, "mapping");
            Path mapping = null;
            if (mappingName != null && !mappingName.isBlank()) {
                mapping = folder.resolve(mappingName.trim()).normalize();
                if (!Files.isRegularFile(mapping)) throw error("mapping", "names " + mapping + ", which does not exist");
            }
            if (mapping == null && !DatasetDescription.Source.isTable(data.getFileName().toString())) {
                throw error("mapping", "is needed: source.file " + data.getFileName() + " is JSON, not a table, and only a"
                        + " mapping reads JSON (an RML mapping with rml:referenceFormulation rml:JSONPath)");
            }
            Integer headerRow = null;
            if (!src.path("headerRow").isMissingNode() && !src.path("headerRow").isNull()) {
                if (!src.path("headerRow").canConvertToInt() || src.path("headerRow").asInt() < 1) {
                    throw error("source.headerRow", "is the row of the header, counted from 1, not '" + src.path("headerRow").asText() + "'");
                }
                headerRow = src.path("headerRow").asInt();
            }
            String lower = data.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            boolean workbook = lower.endsWith(".xlsx") || lower.endsWith(".xls");
            if (text(src, "sheet") != null && !workbook) {
                throw error("source.sheet", "is for Excel workbooks (.xlsx, .xls); " + data.getFileName() + " is one table");
            }
            Charset encoding = null;
            String encodingName = text(src, "encoding");
            if (encodingName != null) {
                if (workbook) throw error("source.encoding", "is for CSV files; " + data.getFileName() + " is an Excel workbook");
                try {
                    encoding = SourceOptions.encoding(encodingName);
                } catch (IllegalArgumentException e) {
                    throw error("source.encoding", "is wrong: " + e.getMessage());
                }
            }
            Character delimiter = null;
            String delimiterText = text(src, "delimiter");
            if (delimiterText != null) {
                if (workbook) throw error("source.delimiter", "is for CSV files; " + data.getFileName() + " is an Excel workbook");
                try {
                    delimiter = SourceOptions.delimiter(delimiterText);
                } catch (IllegalArgumentException e) {
                    throw error("source.delimiter", "is wrong: " + e.getMessage());
                }
            }
            JsonNode pub = root.path("publisher");
            DatasetDescription.Agent publisher = pub.isTextual()
                    ? new DatasetDescription.Agent(pub.asText(), null)
                    : pub.isObject() ? new DatasetDescription.Agent(text(pub, "name"), text(pub, "homepage")) : null;
            if (publisher != null && publisher.name() == null) throw error("publisher.name", "is missing");
            JsonNode c = root.path("contact");
            DatasetDescription.Contact contact = c.isObject()
                    ? new DatasetDescription.Contact(text(c, "name"), text(c, "email"), text(c, "url")) : null;
            JsonNode temporal = root.path("temporal");
            return new DatasetDescription(
                    slug,
                    languageMap("title", true),
                    languageMap("description", false),
                    publisher,
                    contact,
                    strings(root.path("themes")),
                    keywords(),
                    text(root, "license"),
                    new DatasetDescription.Source(data, text(src, "mediaType"), text(src, "title"), text(src, "sheet"), headerRow,
                            text(src, "idColumn"), encoding, delimiter, columns(src.path("columns"))),
                    mapping,
                    file.toAbsolutePath(),
                    date(root, "issued"),
                    date(root, "modified"),
                    date(temporal, "start"),
                    date(temporal, "end"),
                    text(root, "spatial"),
                    text(root, "accrualPeriodicity"),
                    text(root, "sampleQuery"),
                    ViewsReader.read(file, root.path("views")),
                    organisation());
        }

        private String organisation() {
            String org = text(root, "organisation");
            if (org == null || org.isBlank()) return null;
            if (!SLUG.matcher(org.strip()).matches()) {
                throw error("organisation", "is the slug of an organisation (lowercase letters, digits and hyphens), not '" + org + "'");
            }
            return org.strip();
        }

        private String required(String field) {
            String v = text(root, field);
            if (v == null || v.isBlank()) throw error(field, "is missing");
            return v.trim();
        }

        private Map<String, String> languageMap(String field, boolean required) {
            JsonNode n = root.path(field);
            Map<String, String> out = new LinkedHashMap<>();
            if (n.isTextual()) {
                out.put("es", n.asText());
            } else if (n.isObject()) {
                n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            }
            if (required && out.isEmpty()) throw error(field, "is missing (give it per language, e.g. es: ..., en: ...)");
            return out;
        }

        private Map<String, List<String>> keywords() {
            JsonNode n = root.path("keywords");
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (n.isArray()) {
                out.put("es", strings(n));
            } else if (n.isObject()) {
                n.fields().forEachRemaining(e -> out.put(e.getKey(), strings(e.getValue())));
            }
            return out;
        }

        private LocalDate date(JsonNode parent, String field) {
            String v = text(parent, field);
            if (v == null) return null;
            try {
                return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
            } catch (DateTimeParseException e) {
                throw error(field, "is not a date like 2024-05-01: '" + v + "'");
            }
        }

        /** {@code source.columns}: per column header, {@code type} and {@code label: {es, en}} (or a label as text, Spanish). */
        private Map<String, ColumnOverride> columns(JsonNode n) {
            if (n.isMissingNode() || n.isNull()) return Map.of();
            if (!n.isObject()) throw error("source.columns", "must map each column's header to {type, label: {es, en}}");
            Map<String, ColumnOverride> out = new java.util.LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "source.columns." + e.getKey();
                JsonNode c = e.getValue();
                if (!c.isObject()) throw error(field, "must be {type, label: {es, en}}");
                for (Iterator<String> f = c.fieldNames(); f.hasNext(); ) {
                    String k = f.next();
                    if (!k.equals("type") && !k.equals("label")) throw error(field + "." + k, "is unknown; a column has type and label");
                }
                ColumnType type = null;
                String t = text(c, "type");
                if (t != null) {
                    type = ColumnType.of(t);
                    if (type == null) {
                        throw new DescriptionException(file + ": " + field + ".type: unknown type '" + t + "', use one of "
                                + String.join(", ", ColumnType.names()));
                    }
                }
                JsonNode label = c.path("label");
                String es = label.isTextual() ? label.asText() : text(label, "es");
                String en = label.isObject() ? text(label, "en") : null;
                if (!label.isMissingNode() && !label.isNull() && !label.isTextual() && !label.isObject()) {
                    throw error(field + ".label", "must be {es, en}");
                }
                out.put(e.getKey(), new ColumnOverride(type, es, en));
            }
            return out;
        }

        private DescriptionException error(String field, String problem) {
            return new DescriptionException(file + ": field '" + field + "' " + problem);
        }

        private static List<String> strings(JsonNode n) {
            List<String> out = new ArrayList<>();
            if (n.isArray()) n.forEach(x -> out.add(x.asText()));
            else if (n.isTextual()) out.add(n.asText());
            return out;
        }

        private static String text(JsonNode parent, String field) {
            JsonNode n = parent.path(field);
            return n.isMissingNode() || n.isNull() ? null : n.asText();
        }
    }
}
