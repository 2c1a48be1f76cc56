package mx.zocalo.converter.yaml;

import java.nio.file.Path;
import java.util.Set;

/** The YAML file being compiled: errors that name it with the line and key, and the checks every map in it needs. */
final class YamlFile {
    final Path path;

    YamlFile(Path path) {
        this.path = path;
    }

    YamlMappingException error(int line, String key, String message) {
        return new YamlMappingException(path, line, key, message);
    }

    void checkKeys(YamlNode map, Set<String> allowed, String where) {
        for (YamlNode.Entry e : map.entries) {
            if (!allowed.contains(e.key())) {
                throw error(e.line(), e.key(), "unknown key " + where + "; expected one of: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** The entry of the first of {@code keys} the map has; two of them at once are an error (they say the same). */
    YamlNode.Entry first(YamlNode map, String... keys) {
        YamlNode.Entry found = null;
        for (String k : keys) {
            YamlNode.Entry e = map.entry(k);
            if (e != null) {
                if (found != null) {
                    throw error(e.line(), e.key(), "\"" + found.key() + "\" and \"" + e.key() + "\" say the same; give one of them");
                }
                found = e;
            }
        }
        return found;
    }

    void requireMap(YamlNode.Entry e) {
        if (!e.value().isMap()) {
            throw error(e.line(), e.key(), e.key() + " is a map, not " + e.value().describe());
        }
    }

    String scalar(YamlNode.Entry e) {
        if (!e.value().isScalar()) {
            throw error(e.line(), e.key(), "expected a text, not " + e.value().describe());
        }
        return e.value().text;
    }
}
