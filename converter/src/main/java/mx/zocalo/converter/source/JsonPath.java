package mx.zocalo.converter.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small JSONPath: root {@code $} (optional: a path without it starts at the node it is applied to), child
 * {@code .name} and {@code ['name']}, wildcard {@code [*]} and {@code .*}, index {@code [n]} (negative from the end)
 * and recursive descent {@code ..name}. Filters and slices are not supported: {@link #parse} rejects them.
 */
public final class JsonPath {
    private sealed interface Step permits Child, Wildcard, Index, Descent {}

    private record Child(String name) implements Step {}

    private record Wildcard() implements Step {}

    private record Index(int index) implements Step {}

    /** Recursive descent: the next step applies to the node and all its descendants. */
    private record Descent() implements Step {}

    private final String source;
    private final List<Step> steps;

    private JsonPath(String source, List<Step> steps) {
        this.source = source;
        this.steps = steps;
    }

    public String source() {
        return source;
    }

    /** @throws IllegalArgumentException when the expression is not JSONPath this class understands, saying why */
    public static JsonPath parse(String expression) {
        List<Step> steps = new ArrayList<>();
        String s = expression.trim();
        int i = 0;
        if (s.startsWith("$")) {
            i = 1;
        } else if (!s.isEmpty() && s.charAt(0) != '.' && s.charAt(0) != '[') {
            s = "." + s; // a bare name: a child of the current node
        }
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '.') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '.') {
                    steps.add(new Descent());
                    i += 2;
                    if (i < s.length() && s.charAt(i) == '[') {
                        continue;
                    }
                } else {
                    i++;
                }
                int end = i;
                while (end < s.length() && s.charAt(end) != '.' && s.charAt(end) != '[') {
                    end++;
                }
                String name = s.substring(i, end);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("JSONPath \"" + expression + "\" has an empty name at position " + i);
                }
                steps.add(name.equals("*") ? new Wildcard() : new Child(name));
                i = end;
            } else if (c == '[') {
                int close;
                if (i + 1 < s.length() && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"')) {
                    char quote = s.charAt(i + 1);
                    int endQuote = s.indexOf(quote, i + 2);
                    if (endQuote < 0 || endQuote + 1 >= s.length() || s.charAt(endQuote + 1) != ']') {
                        throw new IllegalArgumentException("JSONPath \"" + expression + "\" has an unclosed ['name']");
                    }
                    steps.add(new Child(s.substring(i + 2, endQuote)));
                    close = endQuote + 1;
                } else {
                    close = s.indexOf(']', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("JSONPath \"" + expression + "\" has a '[' that is never closed");
                    }
                    String inside = s.substring(i + 1, close).trim();
                    if (inside.equals("*")) {
                        steps.add(new Wildcard());
                    } else if (inside.matches("-?\\d+")) {
                        steps.add(new Index(Integer.parseInt(inside)));
                    } else {
                        throw new IllegalArgumentException("JSONPath \"" + expression + "\": [" + inside
                                + "] is not supported (supported: [*], [n], ['name'])");
                    }
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("JSONPath \"" + expression + "\": unexpected '" + c + "' at position " + i);
            }
        }
        if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof Descent) {
            throw new IllegalArgumentException("JSONPath \"" + expression + "\" ends with '..'");
        }
        return new JsonPath(expression, List.copyOf(steps));
    }

    /** The nodes the path selects from {@code start}, in document order. */
    public List<JsonNode> select(JsonNode start) {
        List<JsonNode> current = List.of(start);
        for (int k = 0; k < steps.size(); k++) {
            Step step = steps.get(k);
            List<JsonNode> next = new ArrayList<>();
            if (step instanceof Descent) {
                Step following = steps.get(++k);
                for (JsonNode n : current) {
                    List<JsonNode> all = new ArrayList<>();
                    descendants(n, all);
                    for (JsonNode d : all) {
                        apply(following, d, next);
                    }
                }
            } else {
                for (JsonNode n : current) {
                    apply(step, n, next);
                }
            }
            current = next;
        }
        return current;
    }

    private static void descendants(JsonNode n, List<JsonNode> into) {
        into.add(n);
        if (n.isContainerNode()) {
            for (JsonNode child : n) {
                descendants(child, into);
            }
        }
    }

    private static void apply(Step step, JsonNode n, List<JsonNode> into) {
        if (step instanceof Child c) {
            if (n.isObject() && n.has(c.name())) {
                into.add(n.get(c.name()));
            }
        } else if (step instanceof Wildcard) {
            if (n.isArray()) {
                n.forEach(into::add);
            } else if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    into.add(it.next().getValue());
                }
            }
        } else if (step instanceof Index x) {
            if (n.isArray()) {
                int index = x.index() < 0 ? n.size() + x.index() : x.index();
                if (index >= 0 && index < n.size()) {
                    into.add(n.get(index));
                }
            }
        }
    }
}
