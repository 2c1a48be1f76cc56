package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.source.JsonPath;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;
import org.apache.jena.graph.Node;

/**
 * Opens the records of logical sources and logical views for one pass each, and checks on opening that the references
 * of the rules reading them exist: a table's columns (named once in its header), a view's fields, JSONPath a JSON
 * source can take. Remembers the files read.
 */
final class RecordSources {
    private final Mapping mapping;
    private final TermGenerator terms;
    private final Set<Path> files = new LinkedHashSet<>();

    RecordSources(Mapping mapping, TermGenerator terms) {
        this.mapping = mapping;
        this.terms = terms;
    }

    /** The files read so far, in the order first read. */
    List<Path> files() {
        return List.copyOf(files);
    }

    Records open(TriplesMap tm) {
        return open(tm.logicalSource(), tm.name());
    }

    /** Opens a source or a view for one pass; {@code user} (a triples map or a view) is named in errors. */
    Records open(AbstractSource abstractSource, String user) {
        if (abstractSource instanceof LogicalView view) {
            return open(view);
        }
        LogicalSource source = (LogicalSource) abstractSource;
        Path file = source.file();
        files.add(file);
        try {
            if (source.isJson()) {
                return Records.json(file, JsonPath.parse(source.iterator()), source.options().nulls());
            }
            return Records.of(TableSources.open(file, source.options()), source);
        } catch (TableSourceException e) {
            throw new ConversionException(e.getMessage() + " (logical source of " + user + ")",
                    file.getFileName().toString(), -1, null, "logical source of " + user, e);
        }
    }

    /**
     * Opens a logical view: first each join's parent view is read once into a hash (join values → the fields the join
     * takes), then the view streams over what it is on. Column references of its fields are checked on opening.
     */
    private Records open(LogicalView view) {
        List<ViewRecords.JoinIndex> indexes = new ArrayList<>(view.joins().size());
        for (LogicalView.Join join : view.joins()) {
            indexes.add(joinIndex(join));
        }
        Records base = open(view.viewOn(), view.name());
        try {
            for (LogicalView.Field field : view.fields()) {
                if (!field.iterable()) {
                    checkColumns(base, field.expression().references(), field.rule());
                }
            }
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
        return new ViewRecords(view, base, indexes, terms);
    }

    /**
     * Reads a join's parent view once: join values (of the conditions' parent sides) → the joined fields of each matching
     * parent iteration, in order. A parent iteration without a value on a side (NULL) matches nothing.
     */
    private ViewRecords.JoinIndex joinIndex(LogicalView.Join join) {
        Map<List<String>, List<Map<String, Node>>> matches = new HashMap<>();
        List<TermMap> parentSides = join.conditions().stream().map(JoinCondition::parent).toList();
        try (Records parent = open(join.parent())) {
            for (Record r = next(parent); r != null; r = next(parent)) {
                List<List<String>> keys;
                try {
                    keys = JoinKeys.of(terms, r, parentSides, null);
                } catch (RuleFailure f) {
                    throw new ConversionException(parent.description() + ", " + parent.where() + ": " + f.getMessage() + " ("
                            + f.rule + ")", parent.description(), parent.number(), parent.line(), f.column, f.rule, f);
                }
                if (keys.isEmpty()) {
                    continue;
                }
                Map<String, Node> fields = new HashMap<>();
                for (LogicalView.Field f : join.fields()) {
                    List<Node> values = terms.generate(f.expression(), r, null);
                    fields.put(f.name(), values.isEmpty() ? null : values.get(0));
                }
                for (List<String> key : keys) {
                    matches.computeIfAbsent(key, k -> new ArrayList<>(1)).add(fields);
                }
            }
        }
        return new ViewRecords.JoinIndex(join, matches);
    }

    /** Checks every reference of the triples map's rules against what {@code table} has. */
    void checkColumns(TriplesMap tm, Records table) {
        SubjectMap sm = tm.subjectMap();
        checkColumns(table, sm.term().references(), sm.term().rule());
        for (TermMap gm : sm.graphMaps()) {
            checkColumns(table, gm.references(), gm.rule());
        }
        for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
            for (TermMap m : pom.predicateMaps()) {
                checkColumns(table, m.references(), m.rule());
            }
            for (TermMap m : pom.objectMaps()) {
                checkColumns(table, m.references(), m.rule());
            }
            for (TermMap m : pom.graphMaps()) {
                checkColumns(table, m.references(), m.rule());
            }
            for (RefObjectMap ref : pom.refObjectMaps()) {
                List<String> refs = ref.joinConditions().isEmpty()
                        ? mapping.byId().get(ref.parent()).subjectMap().term().references()
                        : ref.joinConditions().stream().flatMap(jc -> jc.child().references().stream()).toList();
                checkColumns(table, refs, ref.rule());
            }
        }
    }

    /** Table sources: every reference names one column. JSON sources: every reference is JSONPath this engine reads. */
    static void checkColumns(Records table, List<String> references, String rule) {
        if (table.header() == null) {
            for (String reference : references) {
                try {
                    JsonPath.parse(reference);
                } catch (IllegalArgumentException e) {
                    throw new ConversionException(table.description() + ": " + e.getMessage() + " (" + rule + ")",
                            table.description(), -1, null, rule, null);
                }
            }
            return;
        }
        Map<String, Integer> columns = RowValues.index(table.header());
        for (String column : references) {
            if (column.equals(RowValues.ROW_NUMBER) && !columns.containsKey(column) && table.keyKind().equals("column")) {
                continue; // the row number
            }
            if (!columns.containsKey(column)) {
                throw ColumnNotFound.error(table, column, rule);
            }
            long times = table.writtenHeader().stream().filter(column::equals).count(); // the reader renamed repeats
            if (times > 1) {
                String message = table.description() + ": column \"" + column + "\" appears " + times
                        + " times in the header, so the reference is ambiguous (" + rule + "); rename the columns";
                throw new ConversionException(message, table.description(), -1, column, rule, null);
            }
        }
    }

    /** The next record, a read error as a {@link ConversionException} naming the file and line. */
    static Record next(Records table) {
        try {
            return table.next();
        } catch (TableSourceException e) {
            throw new ConversionException(e.getMessage(), table.description(), -1, e.line(), null, null, e);
        }
    }
}
