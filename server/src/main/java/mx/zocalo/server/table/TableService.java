package mx.zocalo.server.table;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.QuerySlots;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every published dataset as tables you can query: the one service behind the row API, the explorer, charts and
 * measures. It reads a dataset's table model ({@link TableModels}), compiles {@link RowQuery}s with
 * {@link SparqlCompiler}, runs them on the store within the limits of the public endpoint (a time limit per query, at
 * most {@code maxRows} rows a page, the query slots shared with {@code /sparql}), and keeps answers by data version.
 *
 * <pre>{@code
 * TableService tables = TableService.builder(store, iris).version(() -> catalogModified()).build();
 * RowResult r = tables.query("cuenta-publica", RowQuery.builder()
 *         .select("ejercicio_fiscal, sum(monto_total) AS total").group("ejercicio_fiscal").build());
 * for (Row row : r.rows()) System.out.println(row.values());   // [2013, 4.2E12] ...
 * long all = r.total();                                          // every group, all pages
 * String sparql = r.query().sparql();                            // the SPARQL the answer stands for
 * }</pre>
 *
 * Errors: {@link NoSuchDatasetException} (no such dataset), {@link SoqlException} (the query: HTTP 400),
 * {@link QuerySlots.QueryBusyException} (every slot taken), {@link org.apache.jena.query.QueryCancelledException}
 * (past the time limit; {@link mx.zocalo.server.store.HeapWatchdog.HeapPressure}, one of them, when the heap filled), {@link mx.zocalo.server.store.StoreUnavailableException} (a remote store did not answer).
 */
public final class TableService {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.tables");
    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Store store;
    private final PortalIris iris;
    private final Duration timeout;
    private final int maxRows;
    private final QuerySlots slots;
    private final Supplier<String> version;
    private final boolean useRowIndex;
    private final mx.zocalo.server.store.HeapWatchdog heap;
    private final Cache<String, List<Table>> models = Caffeine.newBuilder().maximumSize(256).build();
    private final Cache<String, RowResult> answers;
    private final Cache<String, Long> counts = Caffeine.newBuilder().maximumSize(10_000).build();
    private final mx.zocalo.server.store.VersionedEntries oldCounts = new mx.zocalo.server.store.VersionedEntries(counts.asMap());
    private final mx.zocalo.server.store.VersionedEntries oldAnswers;

    private TableService(Builder b) {
        this.store = b.store;
        this.iris = b.iris;
        this.timeout = b.timeout;
        this.maxRows = b.maxRows;
        this.slots = b.slots;
        this.version = b.version;
        this.useRowIndex = b.rowIndex;
        this.heap = b.heap;
        this.answers = Caffeine.newBuilder().maximumWeight(b.cacheCells)
                .weigher((String k, RowResult r) -> 1 + r.rows().size() * Math.max(1, r.columns().size())).build();
        this.oldAnswers = new mx.zocalo.server.store.VersionedEntries(answers.asMap()); // a new data version drops the old answers
    }

    public static Builder builder(Store store, PortalIris iris) {
        return new Builder(store, iris);
    }

    /** The most rows a page may have ({@code $limit}). */
    public int maxRows() {
        return maxRows;
    }

    /** The tables of dataset {@code slug}, the most numerous class first (the default table). */
    public List<Table> tables(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) throw new NoSuchDatasetException(String.valueOf(slug));
        String v = version.get();
        if (v == null) return load(slug);
        return models.get(v + "\n" + slug, k -> load(slug));
    }

    /** The table {@code selector} names (its class IRI or short name), or the default one for {@code null}. */
    public Table table(String slug, String selector) {
        List<Table> tables = tables(slug);
        if (selector == null) {
            if (tables.isEmpty()) throw new SoqlException("no-tables", "class", -1, null, Map.of());
            return tables.get(0);
        }
        for (Table t : tables) if (t.isCalled(selector)) return t;
        throw new SoqlException("no-table", "class", -1, selector, Map.of("class", selector,
                "tables", String.join(", ", tables.stream().map(Table::name).toList())));
    }

    /** {@code query} compiled for dataset {@code slug}: its SPARQL, its columns; nothing is run. */
    public CompiledQuery compile(String slug, RowQuery query) {
        RowQuery q = limited(query);
        return SparqlCompiler.compile(table(slug, q.table()), iris.datasetGraph(slug).getURI(), q);
    }

    /** Runs {@code query} on dataset {@code slug}: the page of rows and the full count (kept answers reused). */
    public RowResult query(String slug, RowQuery query) {
        return query(slug, query, true);
    }

    /**
     * Runs {@code query} on dataset {@code slug}; with {@code reuse} false, the answer is computed now even when one
     * was kept for this data version (and then kept).
     */
    public RowResult query(String slug, RowQuery query, boolean reuse) {
        RowQuery q = limited(query);
        Table table = table(slug, q.table());
        CompiledQuery c = SparqlCompiler.compile(table, iris.datasetGraph(slug).getURI(), q);
        String v = version.get();
        String key = v == null ? null : v + "\n" + c.sparql();
        oldAnswers.asked(v);
        RowResult kept = key == null || !reuse ? null : answers.getIfPresent(key);
        if (kept != null) return kept.asCached();
        RowResult result = slots.run(() -> {
            RowResult indexed = useRowIndex ? indexed(slug, table, q, c) : null;
            return indexed != null ? indexed : run(c, v, reuse);
        });
        if (key != null) answers.put(key, result);
        return result;
    }

    /**
     * The answer of the row index, when one is attached, reflects the dataset as the store has it now, and can express
     * the query; else null (SPARQL answers). The index finds the rows, their order and count (or the groups, their
     * aggregates, order and count); multi-valued columns are read from the store as for SPARQL answers.
     */
    private RowResult indexed(String slug, Table table, RowQuery q, CompiledQuery c) {
        RowIndex index = RowIndex.of(store).orElse(null);
        if (index == null) return null;
        long t0 = System.nanoTime();
        RowIndexReader r = index.acquire(slug);
        if (r == null) return null;
        try {
            int tableNo = r.table(table);
            if (q.grouped()) return groups(r, table, q, c, tableNo, t0);
            RowIndexPlan plan = tableNo < 0 ? null : RowIndexPlan.of(table, q, r, tableNo);
            if (plan == null) return null;
            RowIndexSearch.Answer a = RowIndexSearch.run(r, plan, c.offset(), c.limit());
            List<Row> rows = multiValued(c, a.rows());
            LOG.debug("{} rows of {} from the row index in {} ms", rows.size(), a.total(), (System.nanoTime() - t0) / 1_000_000);
            return new RowResult(c, rows, a.total(), false, true);
        } catch (java.io.IOException | org.apache.lucene.store.AlreadyClosedException e) {
            LOG.warn("{}: the row index could not answer ({}); answering from the store", slug, e.toString());
            return null;
        } finally {
            r.release();
        }
    }

    /** A grouped query's answer from the row index ({@link RowIndexGroups}); null when it cannot express it. */
    private static RowResult groups(RowIndexReader r, Table table, RowQuery q, CompiledQuery c, int tableNo, long t0)
            throws java.io.IOException {
        RowIndexPlan rows = tableNo < 0 ? null : RowIndexPlan.groupedRows(table, q, r, tableNo);
        RowIndexGroups.Answer a = rows == null ? null : RowIndexGroups.run(r, rows, c);
        if (a == null) return null;
        List<Row> page = RowReader.rows(c, a.page().iterator());
        long total = a.total() != null ? a.total() : page.size();
        LOG.debug("{} groups of {} from the row index in {} ms", page.size(), total, (System.nanoTime() - t0) / 1_000_000);
        return new RowResult(c, page, total, false, true);
    }

    /** The page's rows with the values of their multi-valued columns, read from the store. */
    private List<Row> multiValued(CompiledQuery c, List<Row> rows) {
        List<ResultColumn> columns = c.columns();
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn col = columns.get(i);
            if (!col.multiValued() || rows.isEmpty()) continue;
            Query values = RowReader.values(c, col.column(), rows.stream().map(Row::iri).toList());
            int slot = i;
            List<Row> page = rows;
            rows = query(values, qe -> RowReader.fill(page, slot, col.column(), qe.execSelect()));
        }
        return rows;
    }

    /** A query of the store within the time limit, watched by the heap watchdog when there is one. */
    private <T> T query(Query q, java.util.function.Function<org.apache.jena.query.QueryExecution, T> action) {
        return store.query(q, timeout, qe -> heap == null ? action.apply(qe) : heap.watch(qe, () -> action.apply(qe)));
    }

    private RowResult run(CompiledQuery c, String v, boolean reuse) {
        long t0 = System.nanoTime();
        List<Row> rows = query(c.page(), qe -> RowReader.rows(c, qe.execSelect()));
        rows = multiValued(c, rows);
        long total;
        Optional<Query> count = c.count();
        if (count.isEmpty()) {
            total = rows.size();
        } else if (rows.size() < c.limit() && (c.offset() == 0 || !rows.isEmpty())) {
            total = c.offset() + rows.size(); // the page reached the end: no need to count
        } else {
            String key = v == null ? null : v + "\n" + count.get().serialize();
            oldCounts.asked(v);
            Long known = key == null || !reuse ? null : counts.getIfPresent(key);
            if (known == null) {
                known = query(count.get(), qe -> RowReader.count(qe.execSelect()));
                if (key != null) counts.put(key, known);
            }
            total = known;
        }
        LOG.debug("{} rows of {} in {} ms", rows.size(), total, (System.nanoTime() - t0) / 1_000_000);
        return new RowResult(c, rows, total, false);
    }

    private RowQuery limited(RowQuery q) {
        if (q.limit() == null) return q.toBuilder().limit(Math.min(SparqlCompiler.DEFAULT_LIMIT, maxRows)).build();
        if (q.limit() > maxRows) {
            throw new SoqlException("limit-too-large", "$limit", -1, String.valueOf(q.limit()),
                    Map.of("value", String.valueOf(q.limit()), "max", String.valueOf(maxRows)));
        }
        return q;
    }

    /** The model kept with the dataset; computed (and kept) now for a dataset published before models were kept. */
    private List<Table> load(String slug) {
        Optional<List<Table>> kept = TableModels.read(store.filesDirectory().resolve(slug));
        if (kept.isPresent()) return store.read(dsg -> Labels.apply(dsg, kept.get()));
        Node graph = iris.datasetGraph(slug);
        boolean published = store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.dataset(slug), Node.ANY, Node.ANY)
                && dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).hasNext());
        if (!published) throw new NoSuchDatasetException(slug);
        LOG.info("{}: no table model kept (published before models were); computing it now", slug);
        if (java.nio.file.Files.isDirectory(store.filesDirectory().resolve(slug))) return TableModels.rebuild(store, iris, slug);
        return new ArrayList<>(store.read(dsg -> TableModels.compute(dsg, graph)));
    }

    public static final class Builder {
        private final Store store;
        private final PortalIris iris;
        private Duration timeout = Duration.ofSeconds(30);
        private int maxRows = 10_000;
        private QuerySlots slots;
        private Supplier<String> version = () -> null;
        private long cacheCells = 2_000_000;
        private boolean rowIndex = true;
        private mx.zocalo.server.store.HeapWatchdog heap;

        private Builder(Store store, PortalIris iris) {
            this.store = Objects.requireNonNull(store, "store");
            this.iris = Objects.requireNonNull(iris, "iris");
        }

        /** Each query (page, count) is stopped after this long. Default 30 s. */
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        /**
         * Stops the queries when the heap is nearly full ({@link mx.zocalo.server.store.HeapWatchdog.HeapPressure}, a
         * {@link org.apache.jena.query.QueryCancelledException}), as the SPARQL endpoint's. Default: none.
         */
        public Builder heap(mx.zocalo.server.store.HeapWatchdog heap) { this.heap = heap; return this; }
        /** The largest {@code $limit}. Default 10,000. */
        public Builder maxRows(int maxRows) { this.maxRows = maxRows; return this; }
        /** The query slots, shared with the SPARQL endpoint. Default: 4 of its own, waiting up to 2 s. */
        public Builder slots(QuerySlots slots) { this.slots = slots; return this; }
        /**
         * The version of the data: answers and table models are kept per version (a publish changes it). A supplier
         * giving {@code null} keeps nothing. Default: keeps nothing.
         */
        public Builder version(Supplier<String> version) { this.version = Objects.requireNonNull(version); return this; }
        /** How many values (rows × columns) the answer cache holds at most. */
        public Builder cacheCells(long cells) { this.cacheCells = cells; return this; }
        /**
         * Whether queries may be answered with the derived row index when it is attached and in step with the dataset
         * (the same answers, faster). Default: yes; off, every answer comes from SPARQL.
         */
        public Builder rowIndex(boolean use) { this.rowIndex = use; return this; }

        public TableService build() {
            if (maxRows < 1) throw new IllegalArgumentException("maxRows must be at least 1: " + maxRows);
            if (slots == null) slots = new QuerySlots(4, Duration.ofSeconds(2));
            return new TableService(this);
        }
    }
}
