package mx.zocalo.converter.yaml;

import java.nio.file.Path;
import mx.zocalo.converter.ConversionException;

/**
 * A YAML mapping is not valid. The message names the file, the line and the key:
 * {@code mapping.yml, line 12, key "po": ...}. {@link #rule()} is the key.
 */
public final class YamlMappingException extends ConversionException {
    private final int yamlLine;

    YamlMappingException(Path file, int line, String key, String message) {
        super(file.getFileName() + (line > 0 ? ", line " + line : "") + (key != null ? ", key \"" + key + "\"" : "") + ": " + message,
                file.getFileName().toString(), -1, null, key, null);
        this.yamlLine = line;
    }

    /** The line of the YAML file, or -1. */
    public int yamlLine() {
        return yamlLine;
    }
}
