package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import mx.zocalo.converter.RowResourceListener;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;

/**
 * Runs a {@link Mapping}: each source is read once, and every triples map on that source maps each of its
 * rows. The calling thread reads rows in batches of {@value #BATCH_ROWS}; worker threads map the batches (and
 * let the output encode them); the calling thread hands the results to the output in source order. Memory
 * holds a few batches per worker, not the table; only the parents of joins are held whole, as a hash from
 * join values to parent subjects ({@link ParentIndex}). {@link ConversionResult#rows()} counts rows read, once per source.
 * Opening sources is {@link RecordSources}' part, making a row's quads {@link QuadGenerator}'s.
 */
final class MappingRunner {
    /** Rows per batch handed to a worker thread. */
    static final int BATCH_ROWS = 256;

    private final Mapping mapping;
    private final QuadOutput output;
    private final RowErrorHandler rowErrors;
    private final int threads;
    private final TermGenerator terms = new TermGenerator(UUID.randomUUID().toString().substring(0, 8) + "-");
    private final RecordSources sources;
    private long rows;
    private long quads;
    private long skipped;
    private ProgressListener progress = ProgressListener.NONE;
    private int firstRows;
    private RowResourceListener rowResources = RowResourceListener.NONE;
    /** The subjects of the first rows of the table being read, when they are to be heard of. */
    private volatile FirstRowSubjects firstRowSubjects;

    /**
     * @param threads worker threads that map rows (1: all on the calling thread); quads reach {@code output} in
     *                source order on the calling thread either way
     */
    MappingRunner(Mapping mapping, QuadOutput output, RowErrorHandler rowErrors, int threads) {
        this.mapping = mapping;
        this.output = output;
        this.rowErrors = rowErrors;
        this.threads = Math.max(1, threads);
        this.sources = new RecordSources(mapping, terms);
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

    /** Tells {@code listener} which resource each of the first {@code rows} rows of each table became. */
    MappingRunner rowResources(int rows, RowResourceListener listener) {
        this.firstRows = rows;
        this.rowResources = listener;
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
        return new ConversionResult(rows, quads, sources.files(), skipped);
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
    }

    /**
     * Runs the triples maps that read the same source in one pass over its rows: the calling thread reads
     * batches of rows, the pool maps them, and the calling thread delivers the results in order.
     */
    private void run(List<TriplesMap> group, ExecutorService pool) {
        Map<RefObjectMap, ParentIndex> joins = new HashMap<>();
        for (TriplesMap tm : group) {
            for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
                for (RefObjectMap ref : pom.refObjectMaps()) {
                    if (!ref.joinConditions().isEmpty()) {
                        joins.put(ref, ParentIndex.read(ref, mapping.byId().get(ref.parent()), sources, terms, rowErrors));
                    }
                }
            }
        }
        QuadGenerator generator = new QuadGenerator(mapping, terms, joins);
        try (Records table = sources.open(group.get(0))) {
            for (TriplesMap tm : group) {
                sources.checkColumns(tm, table);
            }
            long size = size(group.get(0).logicalSource().file());
            ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
            int maxInFlight = threads * 2 + 1;
            Batch batch = new Batch();
            List<TriplesMap> once = group.stream().filter(QuadGenerator::constant).toList();
            List<TriplesMap> perRow = group.stream().filter(tm -> !QuadGenerator.constant(tm)).toList();
            boolean readsTable = group.get(0).logicalSource() instanceof LogicalSource source && !source.isJson();
            firstRowSubjects = firstRows > 0 && readsTable ? new FirstRowSubjects(firstRows, perRow) : null;
            boolean first = true;
            for (Record values = read(table, inFlight); values != null; values = read(table, inFlight)) {
                if (first && !once.isEmpty()) {
                    generateOnce(generator, once, values, table);
                }
                first = false;
                if (++rows % ProgressListener.EVERY_ROWS == 0) {
                    progress.progress(rows, table.bytesRead(), size);
                }
                batch.records[batch.size] = values;
                batch.numbers[batch.size] = table.number();
                batch.lines[batch.size] = table.line();
                if (++batch.size == BATCH_ROWS) {
                    inFlight.add(submit(pool, batch, generator, perRow));
                    batch = new Batch();
                    while (inFlight.size() > maxInFlight) {
                        deliver(table, inFlight.poll());
                    }
                }
            }
            if (batch.size > 0) {
                inFlight.add(submit(pool, batch, generator, perRow));
            }
            while (!inFlight.isEmpty()) {
                deliver(table, inFlight.poll());
            }
            progress.progress(rows, table.bytesRead(), size);
            if (firstRowSubjects != null) {
                firstRowSubjects.report(group.get(0).logicalSource().file(), rowResources);
            }
        }
    }

    /**
     * A triples map whose every term is constant gives the same triples on every row: they are made once, at the
     * source's first row (none for an empty source), on the calling thread, before the rows' triples.
     */
    private void generateOnce(QuadGenerator generator, List<TriplesMap> once, Record first, Records table) {
        List<Quad> out = new ArrayList<>();
        for (TriplesMap tm : once) {
            try {
                generator.generate(tm, first, out);
            } catch (RuleFailure f) {
                rowErrors.rowFailed(f.at(table));
            }
        }
        output.deliver(output.encode(out));
        quads += out.size();
    }

    /**
     * The next record; when the source cannot be read further, the rows read before are delivered first (one
     * of them may fail, and its error comes first), then the read error is thrown.
     */
    private Record read(Records table, ArrayDeque<Future<Batch>> inFlight) {
        try {
            return RecordSources.next(table);
        } catch (ConversionException readError) {
            while (!inFlight.isEmpty()) {
                deliver(table, inFlight.poll());
            }
            throw readError;
        }
    }

    private Future<Batch> submit(ExecutorService pool, Batch batch, QuadGenerator generator, List<TriplesMap> group) {
        if (pool == null) {
            return CompletableFuture.completedFuture(map(batch, generator, group));
        }
        return pool.submit(() -> map(batch, generator, group));
    }

    /** On a worker: the quads of every row of the batch, a failed row leaving none behind. */
    private Batch map(Batch batch, QuadGenerator generator, List<TriplesMap> group) {
        List<Quad> out = new ArrayList<>(batch.size * 12);
        FirstRowSubjects heard = firstRowSubjects;
        for (int i = 0; i < batch.size; i++) {
            int mark = out.size();
            try {
                for (int k = 0; k < group.size(); k++) {
                    List<Node> subjects = generator.generate(group.get(k), batch.records[i], out);
                    if (heard != null) {
                        heard.note(batch.numbers[i], batch.lines[i], k, subjects);
                    }
                }
            } catch (RuleFailure f) {
                if (heard != null) {
                    heard.forget(batch.numbers[i]);
                }
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
            rowErrors.rowFailed(batch.failures.get(k).at(table, batch.numbers[i], batch.lines[i]));
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
}
