package mx.zocalo.converter.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A YAML value with the line it starts on: a scalar, a list or a map (keys in file order, each with
 * its own line). Jackson's tree model drops locations, so the tree is built from its token stream.
 */
final class YamlNode {
    enum Kind { SCALAR, NULL, LIST, MAP }

    /** One key of a map, with the line the key is on. */
    record Entry(String key, int line, YamlNode value) {}

    final Kind kind;
    final String text;
    final List<YamlNode> items;
    final List<Entry> entries;
    final int line;

    private YamlNode(Kind kind, String text, List<YamlNode> items, List<Entry> entries, int line) {
        this.kind = kind;
        this.text = text;
        this.items = items;
        this.entries = entries;
        this.line = line;
    }

    boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    boolean isList() {
        return kind == Kind.LIST;
    }

    boolean isMap() {
        return kind == Kind.MAP;
    }

    /** The entry for {@code key}, or null. */
    Entry entry(String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    String describe() {
        return switch (kind) {
            case SCALAR -> "the text \"" + text + "\"";
            case NULL -> "an empty value";
            case LIST -> "a list";
            case MAP -> "a map";
        };
    }

    /** Reads the whole file; syntax errors and repeated keys come out as {@link YamlMappingException}. */
    static YamlNode read(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = new YAMLFactory().createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new YamlMappingException(file, 1, null, "the file is empty");
            }
            YamlNode root = read(file, p);
            if (p.nextToken() != null) {
                throw new YamlMappingException(file, line(p.currentTokenLocation()), null, "more than one YAML document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new YamlMappingException(file, at == null ? -1 : line(at), null, "not valid YAML: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new YamlMappingException(file, -1, null, "cannot read the file: " + e.getMessage());
        }
    }

    private static YamlNode read(Path file, JsonParser p) throws IOException {
        int line = line(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                List<Entry> entries = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p.currentTokenLocation());
                    for (Entry e : entries) {
                        if (e.key().equals(key)) {
                            throw new YamlMappingException(file, keyLine, key, "the key appears twice in the same map (first on line " + e.line() + ")");
                        }
                    }
                    p.nextToken();
                    entries.add(new Entry(key, keyLine, read(file, p)));
                }
                return new YamlNode(Kind.MAP, null, List.of(), List.copyOf(entries), line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(file, p));
                }
                return new YamlNode(Kind.LIST, null, List.copyOf(items), List.of(), line);
            }
            case VALUE_NULL -> {
                return new YamlNode(Kind.NULL, null, List.of(), List.of(), line);
            }
            default -> {
                return new YamlNode(Kind.SCALAR, p.getText(), List.of(), List.of(), line);
            }
        }
    }

    /** SnakeYAML messages quote the text with carets on extra lines; keep the words only. */
    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return String.join("; ", message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).toList());
    }

    private static int line(JsonLocation at) {
        return at == null ? -1 : at.getLineNr();
    }
}
