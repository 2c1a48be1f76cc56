package mx.zocalo.server.performance;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML document as nodes that know their line: a mapping (keys in order, each with the line of its key), a list, or
 * a scalar. Jackson's tree forgets where a value was; errors of goal files name the line.
 */
record YamlTree(Object value, int line) {

    static final class SyntaxException extends Exception {
        final int line;

        SyntaxException(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    static YamlTree read(Path file) throws IOException, SyntaxException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new LoaderOptions()).compose(r);
            return root == null ? new YamlTree(Map.of(), 1) : of(root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new SyntaxException(e.getProblem() == null ? e.getMessage() : e.getProblem(), line);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new SyntaxException(e.getMessage(), 0);
        }
    }

    private static YamlTree of(Node n) {
        int line = n.getStartMark().getLine() + 1;
        if (n instanceof MappingNode m) {
            Map<String, YamlTree> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
                YamlTree v = of(t.getValueNode());
                // a value on the next lines (a mapping or list) is reported at its key's line
                out.put(key, new Entry(v.value, t.getKeyNode().getStartMark().getLine() + 1, v.line).tree());
            }
            return new YamlTree(out, line);
        }
        if (n instanceof SequenceNode s) {
            List<YamlTree> out = new ArrayList<>();
            for (Node item : s.getValue()) out.add(of(item));
            return new YamlTree(out, line);
        }
        ScalarNode s = (ScalarNode) n;
        boolean isNull = s.getTag().getValue().endsWith(":null") && s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
        return new YamlTree(isNull ? null : s.getValue(), line);
    }

    private record Entry(Object value, int keyLine, int valueLine) {
        YamlTree tree() {
            return new YamlTree(value, value instanceof Map || value instanceof List ? keyLine : valueLine);
        }
    }

    boolean isMap() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    boolean isScalar() {
        return value instanceof String;
    }

    @SuppressWarnings("unchecked")
    Map<String, YamlTree> map() {
        return value instanceof Map ? (Map<String, YamlTree>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    List<YamlTree> list() {
        return value instanceof List ? (List<YamlTree>) value : List.of();
    }

    String text() {
        return value instanceof String s ? s : null;
    }

    YamlTree get(String key) {
        return map().get(key);
    }
}
