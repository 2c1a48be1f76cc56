package mx.zocalo.converter.rml;

import java.util.ArrayList;
import java.util.List;

/**
 * An RML string template such as {@code http://ex.com/{ID}/{Name}}: literal text and references in
 * braces. A backslash escapes the next character, so {@code \{}, {@code \}} and {@code \\} stand for
 * themselves.
 */
record Template(String source, List<Part> parts) {

    sealed interface Part permits Text, Reference {}

    record Text(String text) implements Part {}

    record Reference(String name) implements Part {}

    /** Parses a template, rejecting unbalanced or nested braces, empty references and dangling escapes. */
    static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inReference = false;
        for (int i = 0; i < source.length(); i++) {
            char ch = source.charAt(i);
            if (ch == '\\') {
                if (i + 1 >= source.length()) {
                    throw new MappingException("template \"" + source + "\" ends with a lone backslash");
                }
                current.append(source.charAt(++i));
            } else if (ch == '{') {
                if (inReference) {
                    throw new MappingException("template \"" + source + "\" has a '{' inside a reference (escape it as \\{)");
                }
                if (!current.isEmpty()) {
                    parts.add(new Text(current.toString()));
                }
                current.setLength(0);
                inReference = true;
            } else if (ch == '}') {
                if (!inReference) {
                    throw new MappingException("template \"" + source + "\" has a '}' without a matching '{' (escape it as \\})");
                }
                if (current.isEmpty()) {
                    throw new MappingException("template \"" + source + "\" has an empty reference {}");
                }
                parts.add(new Reference(current.toString()));
                current.setLength(0);
                inReference = false;
            } else {
                current.append(ch);
            }
        }
        if (inReference) {
            throw new MappingException("template \"" + source + "\" has a '{' that is never closed");
        }
        if (!current.isEmpty()) {
            parts.add(new Text(current.toString()));
        }
        return new Template(source, List.copyOf(parts));
    }

    List<String> references() {
        return parts.stream().filter(p -> p instanceof Reference).map(p -> ((Reference) p).name()).toList();
    }
}
