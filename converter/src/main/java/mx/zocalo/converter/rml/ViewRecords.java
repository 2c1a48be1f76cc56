package mx.zocalo.converter.rml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.source.JsonPath;
import mx.zocalo.converter.source.JsonSource;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The iterations of a logical view, streamed from the records of what it is on: each record gives one iteration per
 * combination of its fields' values (a field with no value gives null), then each join extends every iteration with
 * the fields of each matching parent iteration (a left join keeps an iteration without match, with nulls; an inner
 * join drops it). Parents are read beforehand into a hash from join values to the joined fields (see
 * {@link MappingRunner}); the view itself is never held in memory.
 */
final class ViewRecords implements Records {
    /** A parent view, hashed: join values → the fields a join takes from each matching parent iteration. */
    record JoinIndex(LogicalView.Join join, Map<List<String>, List<Map<String, Node>>> matches) {}

    private final LogicalView view;
    private final Records base;
    private final List<JoinIndex> joins;
    private final TermGenerator terms;
    private final List<String> keys;
    private static final JsonPath ROOT = JsonPath.parse("$");
    private final Map<String, JsonPath> paths = new HashMap<>();
    private final ArrayDeque<ViewRecord> pending = new ArrayDeque<>();
    private long position;

    ViewRecords(LogicalView view, Records base, List<JoinIndex> joins, TermGenerator terms) {
        this.view = view;
        this.base = base;
        this.joins = joins;
        this.terms = terms;
        this.keys = List.copyOf(view.keys());
    }

    @Override
    public Record next() {
        while (pending.isEmpty()) {
            Record record = base.next();
            if (record == null) {
                return null;
            }
            List<Map<String, Node>> iterations;
            try {
                iterations = expand(view.fields(), record);
                Node index = integer(position++);
                for (Map<String, Node> it : iterations) {
                    it.put("#", index);
                }
                for (JoinIndex join : joins) {
                    iterations = join(iterations, join);
                }
            } catch (DataException e) {
                throw new ConversionException(base.description() + ", " + base.where() + ": " + e.getMessage() + " (" + view.name()
                        + ")", base.description(), base.number(), base.line(), e.column, view.name(), e);
            } catch (RuleFailure f) {
                throw new ConversionException(base.description() + ", " + base.where() + ": " + f.getMessage() + " (" + f.rule
                        + ")", base.description(), base.number(), base.line(), f.column, f.rule, f);
            }
            for (Map<String, Node> it : iterations) {
                pending.add(new ViewRecord(it));
            }
        }
        return pending.poll();
    }

    /** The combinations of the fields' values over one record: the cartesian product of each field's entries. */
    private List<Map<String, Node>> expand(List<LogicalView.Field> fields, Record record) {
        List<Map<String, Node>> out = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (LogicalView.Field field : fields) {
            List<Map<String, Node>> entries = entries(field, record);
            if (entries.size() == 1) {
                out.forEach(m -> m.putAll(entries.get(0)));
                continue;
            }
            List<Map<String, Node>> next = new ArrayList<>(out.size() * entries.size());
            for (Map<String, Node> m : out) {
                for (Map<String, Node> e : entries) {
                    Map<String, Node> both = new LinkedHashMap<>(m);
                    both.putAll(e);
                    next.add(both);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * A field's entries over one record: one per value (with its position in {@code name.#}) combined with the entries of
     * the nested fields over that value, or one of nulls.
     */
    private List<Map<String, Node>> entries(LogicalView.Field field, Record record) {
        List<Map<String, Node>> entries = new ArrayList<>();
        if (!field.iterable()) {
            List<Node> values = new ArrayList<>();
            List<Record> children = field.fields().isEmpty() ? null : new ArrayList<>();
            values(field, record, values, children);
            for (int i = 0; i < values.size(); i++) {
                Map<String, Node> e = new LinkedHashMap<>();
                e.put(field.name(), values.get(i));
                e.put(field.name() + ".#", integer(i));
                if (children == null) {
                    entries.add(e);
                    continue;
                }
                for (Map<String, Node> inner : expand(field.fields(), children.get(i))) {
                    Map<String, Node> both = new LinkedHashMap<>(e);
                    both.putAll(inner);
                    entries.add(both);
                }
            }
        } else {
            List<Record> items = items(field, record);
            for (int i = 0; i < items.size(); i++) {
                for (Map<String, Node> e : expand(field.fields(), items.get(i))) {
                    e.put(field.name() + ".#", integer(i));
                    entries.add(e);
                }
            }
        }
        if (entries.isEmpty()) {
            List<String> names = new ArrayList<>();
            LogicalView.keys(List.of(field), names);
            Map<String, Node> nulls = new LinkedHashMap<>();
            names.forEach(n -> nulls.put(n, null));
            entries.add(nulls);
        }
        return entries;
    }

    /**
     * An expression field's values over a record, and (when it has nested fields) the record each value is for them: a
     * reference over JSON gives the JSON values it selects (an object or array as its JSON text), anything else its
     * values as text.
     */
    private void values(LogicalView.Field field, Record record, List<Node> values, List<Record> children) {
        TermMap expression = field.expression();
        if (children != null && record instanceof JsonRecord json && expression.reference() != null) {
            for (JsonNode n : json.nodes(expression.reference())) {
                values.add(n.isContainerNode() ? NodeFactory.createLiteralString(n.toString()) : scalar(n));
                children.add(new JsonRecord(paths, n, json.nulls()));
            }
            return;
        }
        for (Node v : terms.generate(expression, record, null)) {
            values.add(v);
            if (children != null) {
                children.add(new FieldText(JoinKeys.text(v)));
            }
        }
    }

    /** A JSON scalar with its natural datatype ({@code xsd:integer}, {@code xsd:double}, {@code xsd:boolean}, or none). */
    private static Node scalar(JsonNode n) {
        String value = JsonSource.values(n, ROOT).get(0);
        String type = JsonSource.datatypes(n, ROOT).get(0);
        return type == null ? NodeFactory.createLiteralString(value)
                : NodeFactory.createLiteralDT(value, TypeMapper.getInstance().getSafeTypeByName(type));
    }

    /** An iterable field's records over a record: the items its iterator selects, or the rows of CSV text. */
    private List<Record> items(LogicalView.Field field, Record record) {
        String text = record instanceof FieldText t ? t.text()
                : record instanceof JsonRecord j && j.node().isValueNode() && !j.node().isNull() ? j.node().asText() : null;
        JsonNode node;
        switch (field.embedded()) {
            case CSV -> {
                return text == null ? List.of() : EmbeddedData.csv(text, field);
            }
            case JSON -> node = record instanceof JsonRecord j && j.node().isContainerNode() ? j.node()
                    : text == null ? null : EmbeddedData.json(text, field);
            default -> node = record instanceof JsonRecord j ? j.node() : null;
        }
        if (node == null) {
            return List.of();
        }
        Set<String> nulls = record instanceof JsonRecord j && node == j.node() ? j.nulls() : Set.of(); // not in embedded JSON
        List<Record> items = new ArrayList<>();
        for (JsonNode item : field.iterator().select(node)) {
            items.add(new JsonRecord(paths, item, nulls));
        }
        return items;
    }

    /** A field's value as text, for the nested fields that read it as JSON or CSV. */
    private record FieldText(String text) implements Record {
        @Override
        public List<String> values(String reference) {
            return List.of(); // no expression field reads text (LogicalViewReader refuses one)
        }
    }

    private List<Map<String, Node>> join(List<Map<String, Node>> iterations, JoinIndex index) {
        LogicalView.Join join = index.join();
        List<TermMap> childSides = join.conditions().stream().map(JoinCondition::child).toList();
        List<Map<String, Node>> out = new ArrayList<>(iterations.size());
        for (Map<String, Node> it : iterations) {
            List<List<String>> keys = JoinKeys.of(terms, new ViewRecord(it), childSides, null);
            List<Map<String, Node>> matches;
            if (keys.size() == 1) {
                matches = index.matches().getOrDefault(keys.get(0), List.of());
            } else { // several child values: every parent iteration that matches one of them, once
                Set<Map<String, Node>> found = Collections.newSetFromMap(new IdentityHashMap<>());
                matches = new ArrayList<>();
                for (List<String> key : keys) {
                    for (Map<String, Node> m : index.matches().getOrDefault(key, List.of())) {
                        if (found.add(m)) {
                            matches.add(m);
                        }
                    }
                }
            }
            if (matches.isEmpty()) {
                if (!join.inner()) {
                    Map<String, Node> extended = new LinkedHashMap<>(it);
                    for (LogicalView.Field f : join.fields()) {
                        extended.put(f.name(), null);
                        extended.put(f.name() + ".#", null);
                    }
                    out.add(extended);
                }
                continue;
            }
            for (int m = 0; m < matches.size(); m++) {
                Map<String, Node> extended = new LinkedHashMap<>(it);
                for (LogicalView.Field f : join.fields()) {
                    Node v = matches.get(m).get(f.name());
                    extended.put(f.name(), v);
                    extended.put(f.name() + ".#", v == null ? null : integer(m));
                }
                out.add(extended);
            }
        }
        return out;
    }

    static Node integer(long i) {
        return NodeFactory.createLiteralDT(Long.toString(i), XSDDatatype.XSDinteger);
    }

    @Override
    public List<String> header() {
        return keys;
    }

    @Override
    public String keyKind() {
        return "field";
    }

    @Override
    public String description() {
        return view.name() + " (" + base.description() + ")";
    }

    @Override
    public String where() {
        return base.where();
    }

    @Override
    public long number() {
        return base.number();
    }

    @Override
    public long line() {
        return base.line();
    }

    @Override
    public long bytesRead() {
        return base.bytesRead();
    }

    @Override
    public void close() {
        base.close();
    }
}
