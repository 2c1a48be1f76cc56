package mx.zocalo.converter.yaml;

import static mx.zocalo.converter.yaml.YamlIris.reference;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * An object that links to another mapping's subjects ({@code mapping:}), with {@code equal} conditions: referencing
 * object maps with join conditions.
 */
final class JoinCompiler {
    private final YamlFile file;
    private final RmlGraph out;
    /** The triples maps of each YAML mapping (a join reaches all of them). */
    private final Map<String, List<Node>> triplesMaps;

    JoinCompiler(YamlFile file, RmlGraph out, Map<String, List<Node>> triplesMaps) {
        this.file = file;
        this.out = out;
        this.triplesMaps = triplesMaps;
    }

    /** One referencing object map per triples map of the linked mapping (one per source and subject). */
    void join(Node pom, YamlNode obj, YamlNode.Entry mapping) {
        String parentName = file.scalar(mapping);
        List<Node> parents = triplesMaps.get(parentName);
        if (parents == null) {
            throw file.error(mapping.line(), "mapping", "there is no mapping \"" + parentName + "\" (the mappings are: "
                    + String.join(", ", triplesMaps.keySet()) + ")");
        }
        for (String other : List.of("value", "datatype", "language", "type")) {
            YamlNode.Entry e = obj.entry(other);
            if (e != null) {
                throw file.error(e.line(), other, "an object that links to mapping \"" + parentName + "\" cannot also have " + other);
            }
        }
        for (Node parentTm : parents) {
            Node om = NodeFactory.createBlankNode();
            out.add(pom, RmlGraph.objectMap, om);
            out.add(om, RmlGraph.parentTriplesMap, parentTm);
            joinConditions(om, obj);
        }
    }

    private void joinConditions(Node om, YamlNode obj) {
        YamlNode.Entry condition = obj.entry("condition");
        if (condition == null) {
            return;
        }
        List<YamlNode> conditions = condition.value().isList() ? condition.value().items : List.of(condition.value());
        for (YamlNode c : conditions) {
            if (!c.isMap()) {
                throw file.error(c.line, "condition", "a condition is a map with function: equal and parameters, not " + c.describe());
            }
            file.checkKeys(c, Set.of("function", "parameters"), "in a condition");
            YamlNode.Entry fn = c.entry("function");
            if (fn == null || !Set.of("equal", "idlab-fn:equal", "grel:equal").contains(file.scalar(fn))) {
                throw file.error(fn == null ? c.line : fn.line(), "function", "only the condition function \"equal\" is supported"
                        + (fn == null ? "; give function: equal" : ", not \"" + file.scalar(fn) + "\""));
            }
            YamlNode.Entry params = c.entry("parameters");
            if (params == null || !params.value().isList() || params.value().items.size() != 2) {
                throw file.error(params == null ? c.line : params.line(), "parameters",
                        "an equal condition has two parameters: [[str1, $(child column)], [str2, $(parent column)]]");
            }
            String childColumn = null;
            String parentColumn = null;
            for (YamlNode param : params.value().items) {
                String name;
                String value;
                String from = null;
                if (param.isList() && (param.items.size() == 2 || param.items.size() == 3)
                        && param.items.stream().allMatch(YamlNode::isScalar)) {
                    name = param.items.get(0).text;
                    value = param.items.get(1).text;
                    from = param.items.size() == 3 ? param.items.get(2).text : null;
                } else if (param.isMap() && param.entry("parameter") != null && param.entry("value") != null) {
                    file.checkKeys(param, Set.of("parameter", "value", "from"), "in a condition parameter");
                    name = file.scalar(param.entry("parameter"));
                    value = file.scalar(param.entry("value"));
                    from = param.entry("from") == null ? null : file.scalar(param.entry("from"));
                } else {
                    throw file.error(param.line, "parameters", "a parameter is [str1, $(column)] (or [str1, $(column), s|o])");
                }
                if (!name.equals("str1") && !name.equals("str2")) {
                    throw file.error(param.line, "parameters", "the parameters of equal are str1 and str2, not \"" + name + "\"");
                }
                String column = reference(value);
                if (column == null) {
                    throw file.error(param.line, "parameters", "a join parameter is one column, $(column), not \"" + value + "\"");
                }
                boolean fromSubject = from == null ? name.equals("str1") : from.equals("s") || from.equals("subject");
                if (from != null && !Set.of("s", "o", "subject", "object").contains(from)) {
                    throw file.error(param.line, "parameters", "a parameter is from s (this mapping) or o (the linked mapping), not \"" + from + "\"");
                }
                if (fromSubject) {
                    if (childColumn != null) {
                        throw file.error(param.line, "parameters", "both parameters read this mapping's source; one must be from the linked mapping (o)");
                    }
                    childColumn = column;
                } else {
                    if (parentColumn != null) {
                        throw file.error(param.line, "parameters", "both parameters read the linked mapping's source; one must be from this mapping (s)");
                    }
                    parentColumn = column;
                }
            }
            Node jc = NodeFactory.createBlankNode();
            out.add(om, RmlGraph.joinCondition, jc);
            out.add(jc, RmlGraph.child, NodeFactory.createLiteralString(childColumn));
            out.add(jc, RmlGraph.parent, NodeFactory.createLiteralString(parentColumn));
        }
    }
}
