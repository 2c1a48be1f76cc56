package mx.zocalo.server.table;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpAsQuery;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.util.NodeCmp;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * Writes the row index of one dataset: a Lucene document per row of each of its tables, read from the store by the
 * very row pattern the SPARQL compiler uses ({@link RowPattern}: the same rows, the same values of every single-valued
 * column and link label). Per column (and label) the document has the term ({@code t:NAME}, the exact RDF term, or
 * {@code ""} for no value; also as sorted doc values, which groups read; {@code v:NAME} stored), and its rank in ARQ's ORDER BY order among the table's values
 * ({@code r:NAME}, -1 for no value); per row the IRI ({@code iri}, and {@code iri16} as UTF-16 code units, the index's
 * sort) and the folded words of {@code $q}'s text ({@code q}). Read in two passes over a spill file, so that a
 * column's values can be ranked before the documents are written.
 */
final class RowIndexBuilder {
    static final String CLASS = "class";
    static final String IRI = "iri";
    static final String IRI16 = "iri16";
    static final String SEARCH = "q";
    /** Terms longer than this (in characters) are not indexed: the table is then answered by SPARQL. */
    static final int LONGEST = 8_000;
    private static final BytesRef NO_BYTES = new BytesRef(RowIndexTerms.MISSING);
    static final Sort INDEX_SORT = new Sort(new SortField(CLASS, SortField.Type.STRING), new SortField(IRI16, SortField.Type.STRING));

    /** The words of {@code $q}'s text, split on the spaces {@link TextFold} leaves, never cut. */
    static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            return new TokenStreamComponents(new WhitespaceTokenizer(WhitespaceTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, LONGEST));
        }
    };

    /** The fields of one table: a column's name, or {@code name.label} for a link's label, with their variables. */
    record Fields(List<String> names, List<Var> vars, List<String> searched) {}

    private RowIndexBuilder() {}

    static Fields fields(Table table, Scope scope) {
        List<String> names = new ArrayList<>();
        List<Var> vars = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.multiValued()) continue;
            names.add(c.name());
            vars.add(scope.var(c));
            if (c.hasLabel()) {
                names.add(c.name() + ".label");
                vars.add(scope.labelVar(c));
            }
        }
        List<String> searched = new ArrayList<>(); // as TextSearch reads them
        for (Column c : table.columns()) {
            if (c.multiValued()) continue;
            if (c.type() == ColumnType.TEXT) searched.add(c.name());
            else if (c.hasLabel()) searched.add(c.name() + ".label");
        }
        return new Fields(names, vars, searched);
    }

    /** Writes every table of the dataset into {@code dir}; the commit's user data tells what each table holds. */
    static void build(Store store, String graph, List<Table> tables, Directory dir, Path spillFolder, Map<String, String> userData,
            BooleanSupplier cancelled) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(WORDS).setIndexSort(INDEX_SORT).setRAMBufferSizeMB(48)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        Map<String, String> data = new LinkedHashMap<>(userData);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (int i = 0; i < tables.size(); i++) {
                Table t = tables.get(i);
                String prefix = "table." + i + ".";
                data.put(prefix + "class", t.classIri());
                data.put(prefix + "model", RowIndex.fingerprint(t));
                String state = table(store, graph, t, writer, spillFolder, data, prefix, cancelled);
                data.put(prefix + "state", state);
            }
            writer.forceMerge(1);
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
    }

    /** One table: "ok", or why its rows are not in the index (then it is answered by SPARQL). */
    private static String table(Store store, String graph, Table t, IndexWriter writer, Path spillFolder, Map<String, String> data,
            String prefix, BooleanSupplier cancelled) throws IOException {
        Scope scope = new Scope(t);
        Fields f = fields(t, scope);
        int n = f.names().size();
        List<Map<Node, Integer>> ids = new ArrayList<>();
        List<List<Node>> values = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ids.add(new HashMap<>());
            values.add(new ArrayList<>());
        }
        Set<Column> columns = new LinkedHashSet<>();
        Set<Column> labelled = new LinkedHashSet<>();
        for (Column c : t.columns()) {
            if (c.multiValued()) continue;
            columns.add(c);
            if (c.hasLabel()) labelled.add(c);
        }
        List<Var> projected = new ArrayList<>(List.of(scope.row));
        projected.addAll(f.vars());
        Op op = new OpGraph(NodeFactory.createURI(graph), RowPattern.rows(scope,
                new RowPattern.Parts(columns, labelled, List.of(), null, null, null)));
        Query scan = OpAsQuery.asQuery(new OpProject(op, projected));
        Path spill = Files.createTempFile(spillFolder, "rows-", ".spill");
        try {
            long[] rows = {0};
            String problem = store.query(scan, Duration.ofHours(2), qe -> {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16))) {
                    return spill(qe.execSelect(), f, ids, values, out, rows, cancelled);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            data.put(prefix + "rows", Long.toString(rows[0]));
            if (problem != null) return problem;
            int[][] ranks = new int[n][];
            List<String> unsortable = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                ranks[k] = ranks(values.get(k));
                if (ranks[k] == null) unsortable.add(f.names().get(k));
            }
            data.put(prefix + "unsortable", String.join(",", unsortable));
            write(t, f, values, ranks, spill, rows[0], writer, cancelled);
            return "ok";
        } finally {
            Files.deleteIfExists(spill);
        }
    }

    private static String spill(ResultSet rs, Fields f, List<Map<Node, Integer>> ids, List<List<Node>> values, DataOutputStream out,
            long[] rows, BooleanSupplier cancelled) throws IOException {
        Set<Long> seen = new HashSet<>();
        int n = f.names().size();
        String problem = null;
        while (rs.hasNext()) {
            if ((rows[0] & 0xFFF) == 0 && cancelled.getAsBoolean()) throw new java.util.concurrent.CancellationException();
            Binding b = rs.nextBinding();
            Node row = b.get(Var.alloc("row"));
            if (row == null || !row.isURI()) return "a row that is not an IRI";
            String iri = row.getURI();
            if (!seen.add(((long) iri.hashCode() << 32) ^ (org.apache.lucene.util.StringHelper.murmurhash3_x86_32(new BytesRef(iri), 7) & 0xFFFFFFFFL))) {
                problem = "a row met twice (a column the model calls single-valued has several values)";
            }
            if (iri.length() > LONGEST) problem = "an IRI too long to index";
            out.writeUTF(iri);
            for (int k = 0; k < n; k++) {
                Node v = b.get(f.vars().get(k));
                if (v == null) {
                    out.writeInt(-1);
                    continue;
                }
                List<Node> known = values.get(k);
                Integer id = ids.get(k).computeIfAbsent(v, x -> {
                    known.add(x);
                    return known.size() - 1;
                });
                if (RowIndexTerms.encode(v).length() > LONGEST) problem = "a value too long to index";
                out.writeInt(id);
            }
            rows[0]++;
        }
        return problem;
    }

    /** Each value's rank in ARQ's ORDER BY order (equal values, equal ranks); null when the values have no total order. */
    static int[] ranks(List<Node> values) {
        Integer[] order = new Integer[values.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        NodeValue[] nv = new NodeValue[values.size()];
        for (int i = 0; i < nv.length; i++) nv[i] = NodeValue.makeNode(values.get(i));
        java.util.Comparator<Integer> cmp = (a, b) -> {
            try {
                return NodeValue.compareAlways(nv[a], nv[b]);
            } catch (RuntimeException e) {
                return NodeCmp.compareRDFTerms(values.get(a), values.get(b));
            }
        };
        try {
            Arrays.sort(order, cmp);
        } catch (IllegalArgumentException e) {
            return null; // "Comparison method violates its general contract": no order the index can keep
        }
        int[] rank = new int[order.length];
        int r = 0;
        for (int i = 0; i < order.length; i++) {
            if (i > 0 && cmp.compare(order[i - 1], order[i]) != 0) r++;
            rank[order[i]] = r;
        }
        return rank;
    }

    private static void write(Table t, Fields f, List<List<Node>> values, int[][] ranks, Path spill, long rows, IndexWriter writer,
            BooleanSupplier cancelled) throws IOException {
        int n = f.names().size();
        String[][] encoded = new String[n][];
        BytesRef[][] bytes = new BytesRef[n][];
        String[][] folded = new String[n][];
        for (int k = 0; k < n; k++) {
            List<Node> vs = values.get(k);
            encoded[k] = new String[vs.size()];
            bytes[k] = new BytesRef[vs.size()];
            for (int i = 0; i < vs.size(); i++) {
                encoded[k][i] = RowIndexTerms.encode(vs.get(i));
                bytes[k][i] = new BytesRef(encoded[k][i]);
            }
            if (f.searched().contains(f.names().get(k))) {
                folded[k] = new String[vs.size()];
                for (int i = 0; i < vs.size(); i++) folded[k][i] = TextFold.fold(str(vs.get(i)));
            }
        }
        BytesRef classBytes = new BytesRef(t.classIri());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 1 << 16))) {
            StringBuilder text = new StringBuilder();
            for (long r = 0; r < rows; r++) {
                if ((r & 0xFFF) == 0 && cancelled.getAsBoolean()) throw new java.util.concurrent.CancellationException();
                String iri = in.readUTF();
                Document d = new Document();
                d.add(new StringField(CLASS, classBytes, Field.Store.NO));
                d.add(new SortedDocValuesField(CLASS, classBytes));
                d.add(new StoredField(IRI, iri));
                d.add(new SortedDocValuesField(IRI16, RowIndexTerms.utf16(iri)));
                text.setLength(0);
                text.append(' ');
                int[] row = new int[n];
                for (int k = 0; k < n; k++) row[k] = in.readInt();
                for (int k = 0; k < n; k++) {
                    String name = f.names().get(k);
                    int id = row[k];
                    d.add(new StringField("t:" + name, id < 0 ? RowIndexTerms.MISSING : encoded[k][id], Field.Store.NO));
                    if (id >= 0) d.add(new StoredField("v:" + name, encoded[k][id]));
                    d.add(new SortedDocValuesField("t:" + name, id < 0 ? NO_BYTES : bytes[k][id]));
                    d.add(new NumericDocValuesField("r:" + name, id < 0 || ranks[k] == null ? -1 : ranks[k][id]));
                }
                for (String s : f.searched()) {
                    int k = f.names().indexOf(s);
                    if (row[k] >= 0) text.append(folded[k][row[k]]);
                    text.append(' ');
                }
                d.add(new TextField(SEARCH, text.toString(), Field.Store.NO));
                writer.addDocument(d);
            }
        }
    }

    /** {@code STR(?v)} as {@code $q} reads it ({@code COALESCE(STR(?v), "")}). */
    static String str(Node v) {
        if (v == null) return "";
        if (v.isLiteral()) return v.getLiteralLexicalForm();
        if (v.isURI()) return v.getURI();
        return "";
    }
}
