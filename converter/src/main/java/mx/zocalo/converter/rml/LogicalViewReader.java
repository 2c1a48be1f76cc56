package mx.zocalo.converter.rml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import mx.zocalo.converter.source.JsonPath;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;

/**
 * Reads RML-LV logical views: {@code rml:viewOn} (a logical source or another view), expression fields
 * ({@code rml:fieldName} with {@code rml:reference}, {@code rml:template} or {@code rml:constant}, and nested fields that
 * read their values), iterable fields over JSON ({@code rml:iterator}, with nested fields) or over the text of an
 * expression field read as JSON or CSV ({@code rml:referenceFormulation}), and {@code rml:leftJoin} / {@code rml:innerJoin} with a parent view,
 * join conditions ({@code rml:child} / {@code rml:parent}, or any expression map as {@code rml:childMap} /
 * {@code rml:parentMap}) and the fields taken from the parent. Everything a view
 * references is checked here when it can be (keys of other views, JSONPath); table columns when the file is opened.
 * A view that depends on itself, through {@code rml:viewOn} or a join's parent, is rejected with the chain.
 */
final class LogicalViewReader {
    private final MappingGraph mapping;
    private final LogicalSourceReader sources;
    private final TermMapReader terms;
    private final Function<Node, String> names;
    private final Map<Node, LogicalView> read = new HashMap<>();
    /** The views being read, outermost first, and how each reached the next (for the cycle message). */
    private final List<Node> reading = new ArrayList<>();
    private final List<String> via = new ArrayList<>();

    LogicalViewReader(MappingGraph mapping, LogicalSourceReader sources, TermMapReader terms, Function<Node, String> names) {
        this.mapping = mapping;
        this.sources = sources;
        this.terms = terms;
        this.names = names;
    }

    /** Whether the node is a logical view (typed {@code rml:LogicalView}, or with an {@code rml:viewOn}). */
    boolean isView(Node node) {
        return mapping.has(node, RDF.type.asNode(), Rml.LogicalView) || mapping.has(node, Rml.viewOn, Node.ANY);
    }

    String name(Node id) {
        return "logical view " + (id.isBlank() ? "(blank node)" : names.apply(id));
    }

    LogicalView view(Node id) {
        LogicalView done = read.get(id);
        if (done != null) {
            return done;
        }
        String name = name(id);
        int at = reading.indexOf(id);
        if (at >= 0) {
            StringBuilder chain = new StringBuilder(name(reading.get(at)));
            for (int i = at; i < reading.size(); i++) {
                chain.append(' ').append(via.get(i)).append(' ').append(i + 1 < reading.size() ? name(reading.get(i + 1)) : name);
            }
            throw new MappingException(name + " depends on itself: " + chain
                    + "; a view cannot be built on, or joined with, a view that needs it");
        }
        reading.add(id);
        via.add("rml:viewOn");
        try {
            LogicalView view = readView(id, name);
            read.put(id, view);
            return view;
        } finally {
            reading.remove(reading.size() - 1);
            via.remove(via.size() - 1);
        }
    }

    private LogicalView readView(Node id, String name) {
        if (mapping.has(id, Rml.outerJoin, Node.ANY)) {
            throw new MappingException(name + ": rml:outerJoin is not supported (use rml:leftJoin or rml:innerJoin)");
        }
        for (Node p : List.of(Rml.referenceFormulation, Rml.iterator, Rml.source)) {
            if (mapping.has(id, p, Node.ANY)) {
                throw new MappingException(name + ": a logical view has no " + mapping.shortName(p)
                        + " of its own; give it to the logical source named by rml:viewOn");
            }
        }
        Node on = mapping.single(id, Rml.viewOn, "rml:viewOn of " + name, true);
        AbstractSource base = isView(on) ? view(on) : sources.logicalSource(on, name);
        List<Node> fieldNodes = mapping.objects(id, Rml.field);
        if (fieldNodes.isEmpty()) {
            throw new MappingException(name + " has no rml:field; a logical view needs at least one");
        }
        Scope scope = base instanceof LogicalView parent ? Scope.view(parent)
                : ((LogicalSource) base).isJson() ? Scope.JSON : Scope.TABLE;
        List<LogicalView.Field> fields = fields(fieldNodes, "", scope, name);
        List<String> keys = new ArrayList<>(List.of("#"));
        LogicalView.keys(fields, keys);
        checkUnique(keys, name);

        List<LogicalView.Join> joins = new ArrayList<>();
        for (boolean inner : new boolean[] {false, true}) {
            for (Node j : mapping.objects(id, inner ? Rml.innerJoin : Rml.leftJoin)) {
                LogicalView.Join join = join(j, inner, name, keys);
                joins.add(join);
                LogicalView.keys(join.fields(), keys);
                checkUnique(keys, name);
            }
        }
        return new LogicalView(name, base, List.copyOf(fields), List.copyOf(joins));
    }

    private LogicalView.Join join(Node j, boolean inner, String name, List<String> childKeys) {
        String rule = (inner ? "rml:innerJoin" : "rml:leftJoin") + " of " + name;
        Node parentNode = mapping.single(j, Rml.parentLogicalView, "rml:parentLogicalView of the " + rule, true);
        if (!isView(parentNode)) {
            throw new MappingException(rule + ": rml:parentLogicalView " + (parentNode.isBlank() ? "[ ]" : names.apply(parentNode))
                    + " is not a logical view of this mapping (nothing with rml:viewOn or a LogicalView type)");
        }
        via.set(via.size() - 1, inner ? "rml:innerJoin with" : "rml:leftJoin with");
        LogicalView parent = view(parentNode);
        via.set(via.size() - 1, "rml:viewOn");
        List<String> parentKeys = parent.keys();
        List<JoinCondition> conditions = new ArrayList<>();
        for (Node jc : mapping.objects(j, Rml.joinCondition)) {
            JoinCondition condition = terms.joinCondition(jc, rule);
            checkKeys(condition.child(), mapping.has(jc, Rml.child, Node.ANY) ? "rml:child" : "rml:childMap", childKeys, name, rule);
            checkKeys(condition.parent(), mapping.has(jc, Rml.parent, Node.ANY) ? "rml:parent" : "rml:parentMap", parentKeys,
                    parent.name(), rule);
            conditions.add(condition);
        }
        if (conditions.isEmpty()) {
            throw new MappingException(rule + " has no rml:joinCondition; a view join needs at least one");
        }
        List<Node> fieldNodes = mapping.objects(j, Rml.field);
        if (fieldNodes.isEmpty()) {
            throw new MappingException(rule + " has no rml:field; say which fields of " + parent.name() + " it adds");
        }
        List<LogicalView.Field> fields = fields(fieldNodes, "", Scope.view(parent), name);
        for (LogicalView.Field f : fields) {
            if (f.iterable() || !f.fields().isEmpty()) {
                throw new MappingException(f.rule() + ": the fields a join takes from its parent view are expression fields "
                        + "without nested fields");
            }
        }
        return new LogicalView.Join(inner, parent, List.copyOf(conditions), List.copyOf(fields), rule);
    }

    /** A side of a view join's condition reads the keys of its view only. */
    private static void checkKeys(TermMap side, String what, List<String> keys, String viewName, String rule) {
        for (String reference : side.references()) {
            if (!keys.contains(reference)) {
                throw new MappingException(rule + ": join condition " + what + " \"" + reference + "\" is not a field of "
                        + viewName + "; its fields are: " + quoted(keys));
            }
        }
    }

    /**
     * What the expressions of fields read: table columns (checked on opening), JSONPath over JSON nodes, another view's
     * keys, the values of an expression field read as text (only an iterable field declaring its formulation reads them),
     * or the columns of CSV text (known when it is read).
     */
    private record Scope(String kind, LogicalView view) {
        static final Scope TABLE = new Scope("table", null);
        static final Scope JSON = new Scope("json", null);
        static final Scope TEXT = new Scope("text", null);
        static final Scope CSV_TEXT = new Scope("csv text", null);

        static Scope view(LogicalView view) {
            return new Scope("view", view);
        }
    }

    private List<LogicalView.Field> fields(List<Node> nodes, String prefix, Scope scope, String viewName) {
        List<LogicalView.Field> fields = new ArrayList<>();
        for (Node f : nodes) {
            Node nameNode = mapping.single(f, Rml.fieldName, "rml:fieldName of a field of " + viewName, true);
            String declared = nameNode.isLiteral() ? nameNode.getLiteralLexicalForm() : "";
            if (declared.isEmpty() || declared.equals("#") || declared.contains(".") || declared.contains("{")
                    || declared.contains("}")) {
                throw new MappingException(viewName + ": field name " + nameNode + " is not allowed (a non-empty string "
                        + "without '.', '{', '}', and not \"#\": those name nested fields and index keys)");
            }
            String full = prefix + declared;
            String rule = "field \"" + full + "\" of " + viewName;
            boolean iterable = mapping.has(f, RDF.type.asNode(), Rml.IterableField) || mapping.has(f, Rml.iterator, Node.ANY);
            Node formulation = mapping.single(f, Rml.referenceFormulation, "rml:referenceFormulation of the " + rule, false);
            List<Node> nested = mapping.objects(f, Rml.field);
            if (iterable) {
                fields.add(iterableField(f, full, formulation, nested, scope, viewName, rule));
                continue;
            }
            if (formulation != null && !(scope == Scope.JSON && formulation.equals(Rml.JSONPath))
                    && !(scope == Scope.TABLE && formulation.equals(Rml.CSV))) {
                throw new MappingException(rule + ": an expression field reads with the reference formulation of what it is "
                        + "on, not " + mapping.shortName(formulation) + "; to read its value as JSON or CSV, nest under it an "
                        + "rml:IterableField that declares rml:referenceFormulation");
            }
            if (scope == Scope.TEXT) {
                throw new MappingException(rule + ": the field above it gives text, which an expression field cannot read; "
                        + "make this an rml:IterableField with rml:referenceFormulation rml:JSONPath (and an rml:iterator) "
                        + "or rml:CSV to read the text as JSON or CSV");
            }
            TermMap expression = expression(f, rule);
            for (String reference : expression.references()) {
                if (scope.view() != null && !scope.view().keys().contains(reference)) {
                    throw new MappingException(rule + ": \"" + reference + "\" is not a field of " + scope.view().name()
                            + "; its fields are: " + quoted(scope.view().keys()));
                }
                if (scope == Scope.JSON) {
                    jsonPath(org.apache.jena.graph.NodeFactory.createLiteralString(reference), rule);
                }
            }
            // Nested fields read each value: JSON nodes when a reference selects them in JSON, text otherwise.
            Scope values = scope == Scope.JSON && expression.reference() != null ? Scope.JSON : Scope.TEXT;
            fields.add(new LogicalView.Field(full, expression, null, LogicalView.Embedded.NONE,
                    List.copyOf(fields(nested, full + ".", values, viewName)), rule));
        }
        return fields;
    }

    /**
     * An iterable field: its iterator over a JSON parent, or (declaring rml:referenceFormulation) over a parent value read
     * as JSON or CSV text.
     */
    private LogicalView.Field iterableField(Node f, String full, Node formulation, List<Node> nested, Scope scope,
            String viewName, String rule) {
        LogicalView.Embedded embedded = LogicalView.Embedded.NONE;
        if (formulation != null) {
            if (!formulation.equals(Rml.JSONPath) && !formulation.equals(Rml.CSV)) {
                throw new MappingException(rule + ": reference formulation " + mapping.shortName(formulation)
                        + " is not supported in a field (rml:JSONPath and rml:CSV are)");
            }
            embedded = formulation.equals(Rml.CSV) ? LogicalView.Embedded.CSV : LogicalView.Embedded.JSON;
        }
        boolean readsValues = scope == Scope.JSON || scope == Scope.TEXT;
        if (!readsValues || embedded == LogicalView.Embedded.NONE && scope != Scope.JSON) {
            String on = scope.view() != null ? scope.view().name() : scope == Scope.TEXT ? "text values" : "a " + scope.kind();
            throw new MappingException(rule + ": an iterable field reads JSON, or the text of the expression field above it "
                    + "as JSON or CSV (with rml:referenceFormulation rml:JSONPath or rml:CSV); this one is on " + on
                    + (scope == Scope.TABLE ? ": put it under an expression field that selects the column" : ""));
        }
        if (nested.isEmpty()) {
            throw new MappingException(rule + ": an iterable field needs nested rml:field, which read its records");
        }
        if (embedded == LogicalView.Embedded.CSV) {
            if (mapping.has(f, Rml.iterator, Node.ANY)) {
                throw new MappingException(rule + ": a field reading CSV takes no rml:iterator (its records are the rows)");
            }
            return new LogicalView.Field(full, null, null, embedded, List.copyOf(fields(nested, full + ".", Scope.CSV_TEXT,
                    viewName)), rule);
        }
        Node it = mapping.single(f, Rml.iterator, "rml:iterator of the " + rule, false);
        if (it == null) {
            it = mapping.single(f, Rml.reference, "rml:iterator (or rml:reference) of the " + rule, formulation == null);
        }
        JsonPath path = it == null ? JsonPath.parse("$") : jsonPath(it, rule);
        return new LogicalView.Field(full, null, path, embedded, List.copyOf(fields(nested, full + ".", Scope.JSON, viewName)),
                rule);
    }

    private static JsonPath jsonPath(Node expression, String rule) {
        if (!expression.isLiteral()) {
            throw new MappingException(rule + ": a JSONPath expression must be a string, not " + expression);
        }
        try {
            return JsonPath.parse(expression.getLiteralLexicalForm());
        } catch (IllegalArgumentException e) {
            throw new MappingException(rule + ": " + e.getMessage());
        }
    }

    /** The field's expression as a literal-valued term map: its values are the field's values. */
    private TermMap expression(Node f, String rule) {
        Node constant = mapping.single(f, Rml.constant, "rml:constant of the " + rule, false);
        Node reference = mapping.single(f, Rml.reference, "rml:reference of the " + rule, false);
        Node template = mapping.single(f, Rml.template, "rml:template of the " + rule, false);
        int kinds = (constant != null ? 1 : 0) + (reference != null ? 1 : 0) + (template != null ? 1 : 0);
        if (kinds != 1) {
            throw new MappingException(rule + ": give exactly one of rml:reference, rml:template, rml:constant");
        }
        if (reference != null && !reference.isLiteral() || template != null && !template.isLiteral()) {
            throw new MappingException(rule + ": rml:reference and rml:template take a string");
        }
        if (constant != null && constant.isBlank()) {
            throw new MappingException(rule + ": a constant must be an IRI or a literal, not a blank node");
        }
        Template parsed = null;
        if (template != null) {
            try {
                parsed = Template.parse(template.getLiteralLexicalForm());
            } catch (MappingException e) {
                throw new MappingException(rule + ": " + e.getMessage());
            }
        }
        return new TermMap(rule, constant, reference == null ? null : reference.getLiteralLexicalForm(), parsed,
                TermType.LITERAL, null, null, null, null);
    }

    private static void checkUnique(List<String> keys, String name) {
        Set<String> seen = new LinkedHashSet<>();
        for (String k : keys) {
            if (!seen.add(k)) {
                throw new MappingException(name + ": the field name \"" + k + "\" is used twice; the fields of a view "
                        + "(its own and those its joins add) need different names");
            }
        }
    }

    static String quoted(List<String> keys) {
        return String.join(", ", keys.stream().map(k -> "\"" + k + "\"").toList());
    }
}
