package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.ProgressListener;
import mx.zocalo.converter.RowErrorHandler;
import mx.zocalo.converter.source.JsonPath;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * Runs a {@link Mapping}: each source is read once, and every triples map on that source maps each of its
 * rows. The calling thread reads rows in batches of {@value #BATCH_ROWS}; worker threads map the batches (and
 * let the output encode them); the calling thread hands the results to the output in source order. Memory
 * holds a few batches per worker, not the table; only the parents of joins are held whole, as a hash from
 * join values to parent subjects. {@link ConversionResult#rows()} counts rows read, once per source.
 */
final class MappingRunner {
    private static final Node TYPE = RDF.type.asNode();

    /** Rows per batch handed to a worker thread. */
    static final int BATCH_ROWS = 256;

    private final Mapping mapping;
    private final QuadOutput output;
    private final RowErrorHandler rowErrors;
    private final int threads;
    private final TermGenerator terms = new TermGenerator(UUID.randomUUID().toString().substring(0, 8) + "-");
    private final Set<Path> sources = new LinkedHashSet<>();
    private long rows;
    private long quads;
    private long skipped;
    private ProgressListener progress = ProgressListener.NONE;

    /**
     * @param threads worker threads that map rows (1: all on the calling thread); quads reach {@code output} in
     *                source order on the calling thread either way
     */
    MappingRunner(Mapping mapping, QuadOutput output, RowErrorHandler rowErrors, int threads) {
        this.mapping = mapping;
        this.output = output;
        this.rowErrors = rowErrors;
        this.threads = Math.max(1, threads);
        for (TriplesMap tm : mapping.triplesMaps()) {
            terms.prepare(tm.subjectMap().term(), tm.base());
            tm.subjectMap().graphMaps().forEach(g -> terms.prepare(g, tm.base()));
            for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
                pom.predicateMaps().forEach(m -> terms.prepare(m, tm.base()));
                pom.objectMaps().forEach(m -> terms.prepare(m, tm.base()));
                pom.graphMaps().forEach(m -> terms.prepare(m, tm.base()));
            }
        }
    }

    MappingRunner progress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    ConversionResult run() {
        Map<AbstractSource, List<TriplesMap>> bySource = new LinkedHashMap<>();
        for (TriplesMap tm : mapping.triplesMaps()) {
            bySource.computeIfAbsent(tm.logicalSource(), k -> new ArrayList<>()).add(tm);
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, WORKERS) : null;
        try {
            for (List<TriplesMap> group : bySource.values()) {
                run(group, pool);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return new ConversionResult(rows, quads, List.copyOf(sources), skipped);
    }

    private static final ThreadFactory WORKERS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "zocalo-convert-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    };

    /** Rows of one source, mapped together on one thread; then what they gave. */
    private static final class Batch {
        final Record[] records = new Record[BATCH_ROWS];
        final long[] numbers = new long[BATCH_ROWS];
        final long[] lines = new long[BATCH_ROWS];
        int size;
        /** Indexes of the rows that failed, and why (in row order). */
        final List<Integer> failedRows = new ArrayList<>(0);
        final List<RuleFailure> failures = new ArrayList<>(0);
        Object encoded;
        int quads;

        boolean full() {
            return size == BATCH_ROWS;
        }
    }

    /**
     * Runs the triples maps that read the same source in one pass over its rows: the calling thread reads
     * batches of rows, the pool maps them, and the calling thread delivers the results in order.
     */
    private void run(List<TriplesMap> group, ExecutorService pool) {
        Map<RefObjectMap, Map<List<String>, Collection<Node>>> joins = new HashMap<>();
        for (TriplesMap tm : group) {
            for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
                for (RefObjectMap ref : pom.refObjectMaps()) {
                    if (!ref.joinConditions().isEmpty()) {
                        joins.put(ref, parentIndex(ref));
                    }
                }
            }
        }
        try (Records table = open(group.get(0))) {
            for (TriplesMap tm : group) {
                checkColumns(tm, table);
            }
            long size = size(group.get(0).logicalSource().file());
            ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
            int maxInFlight = threads * 2 + 1;
            Batch batch = new Batch();
            List<TriplesMap> once = group.stream().filter(MappingRunner::constant).toList();
            List<TriplesMap> perRow = group.stream().filter(tm -> !constant(tm)).toList();
            boolean first = true;
            for (Record values = read(table, inFlight); values != null; values = read(table, inFlight)) {
                if (first && !once.isEmpty()) {
                    generateOnce(once, values, joins, table);
                }
                first = false;
                if (++rows % ProgressListener.EVERY_ROWS == 0) {
                    progress.progress(rows, table.bytesRead(), size);
                }
                batch.records[batch.size] = values;
                batch.numbers[batch.size] = table.number();
                batch.lines[batch.size] = table.line();
                if (++batch.size == BATCH_ROWS) {
                    inFlight.add(submit(pool, batch, perRow, joins));
                    batch = new Batch();
                    while (inFlight.size() > maxInFlight) {
                        deliver(table, inFlight.poll());
                    }
                }
            }
            if (batch.size > 0) {
                inFlight.add(submit(pool, batch, perRow, joins));
            }
            while (!inFlight.isEmpty()) {
                deliver(table, inFlight.poll());
            }
            progress.progress(rows, table.bytesRead(), size);
        }
    }

    /**
     * A triples map whose every term is constant gives the same triples on every row: they are made once, at the
     * source's first row (none for an empty source), on the calling thread, before the rows' triples.
     */
    private void generateOnce(List<TriplesMap> once, Record first, Map<RefObjectMap, Map<List<String>, Collection<Node>>> joins,
            Records table) {
        List<Quad> out = new ArrayList<>();
        for (TriplesMap tm : once) {
            try {
                generate(tm, first, joins, out);
            } catch (RuleFailure f) {
                rowErrors.rowFailed(error(table, f.column, f.getMessage() + " (" + f.rule + ")", f));
            }
        }
        output.deliver(output.encode(out));
        quads += out.size();
    }

    private static boolean constant(TriplesMap tm) {
        SubjectMap sm = tm.subjectMap();
        if (!constant(sm.term()) || !sm.graphMaps().stream().allMatch(MappingRunner::constant)) {
            return false;
        }
        for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
            if (!pom.refObjectMaps().isEmpty() || !pom.predicateMaps().stream().allMatch(MappingRunner::constant)
                    || !pom.objectMaps().stream().allMatch(MappingRunner::constant)
                    || !pom.graphMaps().stream().allMatch(MappingRunner::constant)) {
                return false;
            }
        }
        return true;
    }

    private static boolean constant(TermMap m) {
        return m.constant() != null && m.function() == null && m.condition() == null && m.datatypeMap() == null
                && m.languageMap() == null && !(m.constant().isBlank());
    }

    /**
     * The next record; when the source cannot be read further, the rows read before are delivered first (one
     * of them may fail, and its error comes first), then the read error is thrown.
     */
    private Record read(Records table, ArrayDeque<Future<Batch>> inFlight) {
        try {
            return next(table);
        } catch (ConversionException readError) {
            while (!inFlight.isEmpty()) {
                deliver(table, inFlight.poll());
            }
            throw readError;
        }
    }

    private Future<Batch> submit(ExecutorService pool, Batch batch, List<TriplesMap> group,
            Map<RefObjectMap, Map<List<String>, Collection<Node>>> joins) {
        if (pool == null) {
            return CompletableFuture.completedFuture(map(batch, group, joins));
        }
        return pool.submit(() -> map(batch, group, joins));
    }

    /** On a worker: the quads of every row of the batch, a failed row leaving none behind. */
    private Batch map(Batch batch, List<TriplesMap> group, Map<RefObjectMap, Map<List<String>, Collection<Node>>> joins) {
        List<Quad> out = new ArrayList<>(batch.size * 12);
        for (int i = 0; i < batch.size; i++) {
            int mark = out.size();
            try {
                for (TriplesMap tm : group) {
                    generate(tm, batch.records[i], joins, out);
                }
            } catch (RuleFailure f) {
                out.subList(mark, out.size()).clear();
                batch.failedRows.add(i);
                batch.failures.add(f);
            }
            batch.records[i] = null;
        }
        batch.quads = out.size();
        batch.encoded = output.encode(out);
        return batch;
    }

    /** On the calling thread, in row order: the failed rows to the error handler, then the quads to the output. */
    private void deliver(Records table, Future<Batch> future) {
        Batch batch;
        try {
            batch = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConversionException("conversion interrupted", table.description(), -1, null, null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        for (int k = 0; k < batch.failures.size(); k++) {
            int i = batch.failedRows.get(k);
            RuleFailure f = batch.failures.get(k);
            rowErrors.rowFailed(error(table, batch.numbers[i], batch.lines[i], f.column, f.getMessage() + " (" + f.rule + ")", f));
            skipped++;
        }
        output.deliver(batch.encoded);
        quads += batch.quads;
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private void generate(TriplesMap tm, Record row, Map<RefObjectMap, Map<List<String>, Collection<Node>>> joins, List<Quad> out) {
        for (Node subject : eval(tm.subjectMap().term(), row, tm.base())) {
            generate(tm, subject, row, joins, out);
        }
    }

    private void generate(TriplesMap tm, Node subject, Record row, Map<RefObjectMap, Map<List<String>, Collection<Node>>> joins,
            List<Quad> out) {
        SubjectMap sm = tm.subjectMap();
        List<Node> subjectGraphs = graphs(sm.graphMaps(), row, tm.base());
        for (Node c : sm.classes()) {
            emit(out, subjectGraphs, List.of(), subject, TYPE, c);
        }
        for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
            List<Node> pomGraphs = graphs(pom.graphMaps(), row, tm.base());
            if (!pom.graphMaps().isEmpty() && pomGraphs.isEmpty() && subjectGraphs.isEmpty()) {
                continue; // every graph map of this row was empty
            }
            List<Node> predicates = new ArrayList<>(pom.predicateMaps().size());
            for (TermMap pm : pom.predicateMaps()) {
                predicates.addAll(eval(pm, row, tm.base()));
            }
            if (predicates.isEmpty()) {
                continue;
            }
            List<Node> objects = new ArrayList<>();
            for (TermMap om : pom.objectMaps()) {
                objects.addAll(eval(om, row, tm.base()));
            }
            for (RefObjectMap ref : pom.refObjectMaps()) {
                objects.addAll(parentSubjects(ref, row, joins.get(ref), tm.base()));
            }
            for (Node p : predicates) {
                for (Node o : objects) {
                    emit(out, subjectGraphs, pomGraphs, subject, p, o);
                }
            }
        }
    }

    private Collection<Node> parentSubjects(RefObjectMap ref, Record row, Map<List<String>, Collection<Node>> index,
            String childBase) {
        TriplesMap parent = mapping.byId().get(ref.parent());
        if (index == null) {
            return eval(parent.subjectMap().term(), row, parent.base());
        }
        Set<Node> subjects = new LinkedHashSet<>();
        for (List<String> key : keys(row, ref.joinConditions().stream().map(JoinCondition::child).toList(), childBase)) {
            subjects.addAll(index.getOrDefault(key, List.of()));
        }
        return subjects;
    }

    /** Join keys of a record: the cartesian product of the values of each join reference (none if one has no value). */
    private List<List<String>> keys(Record row, List<TermMap> sides, String base) {
        List<List<String>> keys = new ArrayList<>(List.of(List.of()));
        for (TermMap side : sides) {
            List<String> values = eval(side, row, base).stream()
                    .map(n -> n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString()).toList();
            List<List<String>> next = new ArrayList<>(keys.size() * values.size());
            for (List<String> key : keys) {
                for (String v : values) {
                    List<String> longer = new ArrayList<>(key);
                    longer.add(v);
                    next.add(longer);
                }
            }
            keys = next;
        }
        return keys;
    }

    /**
     * Reads the parent triples map's source once: join values → the distinct parent subjects of those
     * rows (a parent repeated on many rows yields its subject once, as the output is a set of triples).
     */
    private Map<List<String>, Collection<Node>> parentIndex(RefObjectMap ref) {
        TriplesMap parent = mapping.byId().get(ref.parent());
        Map<List<String>, Collection<Node>> index = new HashMap<>();
        try (Records table = open(parent)) {
            checkColumns(table, parent.subjectMap().term().references(), parent.subjectMap().term().rule());
            List<TermMap> parentSides = ref.joinConditions().stream().map(JoinCondition::parent).toList();
            checkColumns(table, parentSides.stream().flatMap(m -> m.references().stream()).toList(),
                    "join condition (rml:parent) of the " + ref.rule());
            for (Record values = next(table); values != null; values = next(table)) {
                List<List<String>> keys;
                List<Node> subjects;
                try {
                    keys = keys(values, parentSides, parent.base());
                    if (keys.isEmpty()) {
                        continue;
                    }
                    subjects = eval(parent.subjectMap().term(), values, parent.base());
                } catch (RuleFailure f) {
                    // Only reported here; the parent's own pass over its rows counts it as skipped.
                    rowErrors.rowFailed(error(table, f.column, f.getMessage() + " (" + f.rule + ")", f));
                    continue;
                }
                for (List<String> key : keys) {
                    index.computeIfAbsent(key, k -> new LinkedHashSet<>(2)).addAll(subjects);
                }
            }
        }
        return index;
    }

    private List<Node> eval(TermMap map, Record row, String base) {
        try {
            return terms.generate(map, row, base);
        } catch (DataException e) {
            throw new RuleFailure(e.column, e.getMessage(), map.rule());
        }
    }

    private List<Node> graphs(List<TermMap> graphMaps, Record row, String base) {
        if (graphMaps.isEmpty()) {
            return List.of();
        }
        List<Node> graphs = new ArrayList<>(graphMaps.size());
        for (TermMap gm : graphMaps) {
            graphs.addAll(eval(gm, row, base));
        }
        return graphs;
    }

    private static void emit(List<Quad> out, List<Node> subjectGraphs, List<Node> pomGraphs, Node s, Node p, Node o) {
        if (subjectGraphs.isEmpty() && pomGraphs.isEmpty()) {
            out.add(Quad.create(Quad.defaultGraphNodeGenerated, s, p, o));
            return;
        }
        for (Node g : subjectGraphs) {
            out.add(Quad.create(g.equals(Rml.defaultGraph) ? Quad.defaultGraphNodeGenerated : g, s, p, o));
        }
        for (Node g : pomGraphs) {
            out.add(Quad.create(g.equals(Rml.defaultGraph) ? Quad.defaultGraphNodeGenerated : g, s, p, o));
        }
    }

    private void checkColumns(TriplesMap tm, Records table) {
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
    private void checkColumns(Records table, List<String> references, String rule) {
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

    private Records open(TriplesMap tm) {
        return open(tm.logicalSource(), tm.name());
    }

    /** Opens a source or a view for one pass; {@code user} (a triples map or a view) is named in errors. */
    private Records open(AbstractSource abstractSource, String user) {
        if (abstractSource instanceof LogicalView view) {
            return open(view);
        }
        LogicalSource source = (LogicalSource) abstractSource;
        Path file = source.file();
        sources.add(file);
        try {
            if (source.isJson()) {
                return Records.json(file, JsonPath.parse(source.iterator()));
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

    /** Reads a join's parent view once: join values → the joined fields of each matching parent iteration, in order. */
    private ViewRecords.JoinIndex joinIndex(LogicalView.Join join) {
        Map<List<String>, List<Map<String, Node>>> matches = new HashMap<>();
        try (Records parent = open(join.parent())) {
            next:
            for (Record r = next(parent); r != null; r = next(parent)) {
                List<String> key = new ArrayList<>(join.conditions().size());
                for (LogicalView.Condition c : join.conditions()) {
                    String v = r.first(c.parent());
                    if (v == null) {
                        continue next;
                    }
                    key.add(v);
                }
                Map<String, Node> fields = new HashMap<>();
                for (LogicalView.Field f : join.fields()) {
                    List<Node> values = terms.generate(f.expression(), r, null);
                    fields.put(f.name(), values.isEmpty() ? null : values.get(0));
                }
                matches.computeIfAbsent(key, k -> new ArrayList<>(1)).add(fields);
            }
        }
        return new ViewRecords.JoinIndex(join, matches);
    }

    private static Record next(Records table) {
        try {
            return table.next();
        } catch (TableSourceException e) {
            throw new ConversionException(e.getMessage(), table.description(), -1, e.line(), null, null, e);
        }
    }

    private static ConversionException error(Records table, String column, String problem, Throwable cause) {
        return error(table, table.number(), table.line(), column, problem, cause);
    }

    private static ConversionException error(Records table, long number, long line, String column, String problem, Throwable cause) {
        String where = table.description() + ", " + table.where(number, line)
                + (column == null ? "" : ", column \"" + column + "\"");
        String rule = cause instanceof RuleFailure f ? f.rule : null;
        return new ConversionException(where + ": " + problem, table.description(), number, line, column, rule, null);
    }

    /** A term map failed on a row; carries the rule so the row loop can say where. */
    private static final class RuleFailure extends RuntimeException {
        final String column;
        final String rule;

        RuleFailure(String column, String message, String rule) {
            super(message, null, false, false);
            this.column = column;
            this.rule = rule;
        }
    }
}
