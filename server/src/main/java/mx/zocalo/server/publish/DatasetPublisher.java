package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.auto.AutoMapping;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.server.catalog.CatalogRecord;
import mx.zocalo.server.catalog.DatasetDescription;
import mx.zocalo.server.catalog.DescriptionReader;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.VersionRecord;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.store.TdbGenerations;
import org.apache.jena.riot.system.StreamRDF;
import mx.zocalo.server.table.TableModels;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a dataset: converts its table with its mapping (or, when its description names none, with a mapping inferred
 * from the table, whose CSVW metadata is kept as {@value #CSVW_METADATA} beside the original) into the dataset's named graph and writes its
 * DCAT record into the catalog graph, both in ONE write transaction, and keeps the dataset's table model (its classes as
 * tables, {@link TableModels}) beside its files. If the conversion fails the
 * transaction aborts and the previously published version stays exactly as it was.
 *
 * <pre>{@code
 * new DatasetPublisher(store, new PortalIris("https://datos.example.mx/")).publish(Path.of("mappings/cuenta-publica"), false);
 * }</pre>
 */
public final class DatasetPublisher {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.publish");
    /**
     * For a dataset without a mapping: the CSVW metadata of its table (the inferred schema), kept beside the original
     * file in the dataset's folder of the data directory ({@code files/{slug}/csv-metadata.json}).
     */
    public static final String CSVW_METADATA = "csv-metadata.json";
    private final Store store;
    private final PortalIris iris;
    /** Logged when the new version is committed (or swapped in) and served: the moment a benchmark calls queryable. */
    public static final String SERVED = "the new version is served";
    private int keepVersions = Versions.DEFAULT_KEEP;
    private LoadMode load = LoadMode.AUTO;
    private TdbGenerations.Loader loader = TdbGenerations.Loader.PHASED;

    public DatasetPublisher(Store store, PortalIris iris) {
        this.store = store;
        this.iris = iris;
    }

    /** How many versions of each dataset keep their files, the current one included ({@link Versions}). */
    public DatasetPublisher keepVersions(int n) {
        new Versions(store, n); // checks n
        this.keepVersions = n;
        return this;
    }

    /**
     * How the new version goes into the store: {@link LoadMode#AUTO} (the default), the bulk loader ({@link BulkLoad}) or
     * one write transaction; and which of Jena's bulk loaders builds the store's next generation.
     */
    public DatasetPublisher load(LoadMode mode, TdbGenerations.Loader loader) {
        this.load = mode;
        this.loader = loader;
        return this;
    }

    /** Publishes the dataset described by {@code path} (a dataset.yaml or its folder), from the command line. */
    public PublishOutcome publish(Path path, boolean force) {
        return publish(path, force, Change.commandLine());
    }

    /**
     * Publishes the dataset described by {@code path} (a dataset.yaml or its folder) as a new version: {@code change}
     * says who and why. A publish skipped because nothing changed makes no version.
     */
    public PublishOutcome publish(Path path, boolean force, Change change) {
        long t0 = System.nanoTime();
        DatasetDescription d = DescriptionReader.read(path);
        DownloadJobs.await(store, d.slug()); // the previous version's downloads complete (and in its history) first
        Versions versions = new Versions(store, keepVersions);
        List<VersionRecord.Version> before = versions.history(d.slug());
        int number = before.isEmpty() ? 1 : before.get(before.size() - 1).number() + 1;
        Path previousFolder = store.filesDirectory().resolve(d.slug());
        String sha = Fingerprint.of(d, iris.base());
        if (!force && sha.equals(publishedFingerprint(d.slug()))) {
            LOG.info("{}: unchanged since last publish, skipped", d.slug());
            return new PublishOutcome(d.slug(), true, 0, 0, millisSince(t0));
        }
        LOG.info("{}: reading the table", d.slug());
        String fileName = d.source().file().getFileName().toString();
        // the table's CSVW description (columns, titles, inferred datatypes) is a distribution of every dataset of a
        // table; without a mapping, the same inference is the mapping. A JSON source (GeoJSON) is no table: its mapping
        // reads it with JSONPath, and it has no CSVW description
        boolean table = d.source().table();
        // (a description of a JSON source without a mapping is refused when read); a mapped table is described on its
        // own thread while the catalog record is prepared
        Inference inference = table ? Inference.of(d.automatic(), () -> infer(d)) : Inference.none();
        AutoMapping inferred = d.automatic() ? inference.get() : null;
        Path staged = stageOriginal(d, fileName);
        Node graph = iris.datasetGraph(d.slug());
        PreviewResources preview = new PreviewResources(d.source().file());
        Conversion conversion = (d.automatic()
                ? Conversion.builder().auto(inferred)
                : Conversion.builder().mapping(d.mapping()).base(iris.base())
                        .sourceOptions(d.source().file(), d.source().options()))
                .rowResources(PreviewResources.ROWS, preview.listener()).build();
        Attempt a = new Attempt(d, graph, staged, inference, preview, before, number, change, sha, fileName, versions);
        try {
            if (BulkLoad.chosen(load, store, iris, d, before)) {
                BulkLoad.run(store, graph, loader, new TdbGenerations.Steps() {
                    @Override
                    public void readOld(DatasetGraph live) {
                        a.old = before.isEmpty() ? null
                                : RowDiff.scan(live, graph, rowClass(live, graph, PreviewResources.read(previousFolder).values()));
                    }

                    @Override
                    public void load(StreamRDF loader) {
                        LOG.info("{}: converting into the bulk loader", d.slug());
                        a.counted = new VoidCounter();
                        a.result = conversion.run(BulkLoad.sink(loader, graph, a.counted));
                        LOG.info("{}: loading ({} rows converted)", d.slug(), a.result.rows());
                    }

                    @Override
                    public void write(DatasetGraph next) {
                        record(next, a);
                        LOG.info("{}: swapping the new generation of the store in", d.slug());
                    }
                });
            } else {
                store.write(dsg -> {
                    // the rows of the version being replaced, read before its graph goes
                    a.old = before.isEmpty() ? null
                            : RowDiff.scan(dsg, graph, rowClass(dsg, graph, PreviewResources.read(previousFolder).values()));
                    dsg.removeGraph(graph); // not deleteAny: TDB2 leaves decimals written as 1520.50 behind that way
                    LOG.info("{}: converting into the write transaction", d.slug());
                    a.result = conversion.run(new GraphSink(dsg, graph));
                    record(dsg, a);
                    LOG.info("{}: loading (committing the write transaction)", d.slug());
                });
            }
        } catch (RuntimeException e) {
            deleteTree(staged);
            throw e;
        }
        LOG.info("{}: {}", d.slug(), SERVED);
        List<List<VersionRecord.Version>> history = List.of(a.history);
        long[] counts = {a.result.rows(), a.triples};
        LOG.info("{}: swapping the files in", d.slug());
        versions.swapIn(d.slug(), staged, history.get(0));
        DownloadJobs.after(store, iris, d.slug(), store.filesDirectory().resolve(d.slug())); // RDF downloads: after the commit
        store.derivedIndexes().afterWrite(); // the search index (and any other derived index) follows the new version
        PublishOutcome outcome = new PublishOutcome(d.slug(), false, counts[0], counts[1], millisSince(t0));
        LOG.info("{}: published {} rows as {} triples in {} ms", d.slug(), counts[0], counts[1], outcome.millis());
        return outcome;
    }

    /**
     * The mapping of a dataset without one, inferred from its table (read once here, outside the write transaction):
     * rows {@code {base}id/{slug}/...}, properties {@code {base}def/{slug}#...}.
     */
    private AutoMapping infer(DatasetDescription d) {
        TableOptions options = d.source().options().applyTo(TableOptions.AUTO);
        AutoMapping inferred = AutoMapping.infer(d.source().file(), options, iris.base(), d.slug(), d.source().idColumn(),
                d.source().columns());
        if (d.automatic()) {
            LOG.info("{}: no mapping, inferred one: {} columns, rows <{}>", d.slug(), inferred.columns().size(), inferred.subjectTemplate());
        }
        for (String note : inferred.layoutNotes()) {
            LOG.info("{}: {}", d.slug(), note);
        }
        return inferred;
    }

    /** Publishes every dataset.yaml one level under {@code folder}; one failure does not stop the others. */
    public List<PublishOutcome> publishAll(Path folder, boolean force) {
        return publishAll(folder, force, Change.commandLine());
    }

    /** Publishes every dataset.yaml one level under {@code folder}, each as a version made by {@code change}. */
    public List<PublishOutcome> publishAll(Path folder, boolean force, Change change) {
        List<PublishOutcome> done = new ArrayList<>();
        List<Path> descriptions;
        try (Stream<Path> s = Files.list(folder)) {
            descriptions = s.map(p -> p.resolve("dataset.yaml")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        for (Path p : descriptions) {
            try {
                done.add(publish(p, force, change));
            } catch (RuntimeException e) {
                LOG.error("{}: not published: {}", p, e.getMessage());
            }
        }
        return done;
    }

    /** What one publish carries from the conversion to the catalog record. */
    private static final class Attempt {
        final DatasetDescription d;
        final Node graph;
        final Path staged;
        final Inference inference;
        AutoMapping inferred; // once the record is written
        final PreviewResources preview;
        final List<VersionRecord.Version> before;
        final int number;
        final Change change;
        final String sha;
        final String fileName;
        final Versions versions;
        RowDiff.Fingerprint old;
        ConversionResult result;
        VoidCounter counted; // the VoID figures counted as the triples streamed into the bulk loader
        List<VersionRecord.Version> history;
        long triples;

        Attempt(DatasetDescription d, Node graph, Path staged, Inference inference, PreviewResources preview,
                List<VersionRecord.Version> before, int number, Change change, String sha, String fileName, Versions versions) {
            this.d = d;
            this.graph = graph;
            this.staged = staged;
            this.inference = inference;
            this.preview = preview;
            this.before = before;
            this.number = number;
            this.change = change;
            this.sha = sha;
            this.fileName = fileName;
            this.versions = versions;
        }
    }

    /**
     * After the conversion, in the write transaction that holds the new graph: previews, row differences, VoID figures,
     * table model and the catalog record (the downloads come after, {@link DownloadJobs}).
     */
    private void record(DatasetGraph dsg, Attempt a) {
        DatasetDescription d = a.d;
        Node graph = a.graph;
        Path staged = a.staged;
        LOG.info("{}: catalog (previews, VoID figures, table model, record)", d.slug());
        a.inference.begin(); // the CSVW description of a mapped table, on its own thread while the graph is scanned here
        long triples = dsg.getGraph(graph).size();
        a.preview.write(staged, dsg, graph);
        RowDiff.Result diff = null;
        if (a.old != null) {
            long td = System.nanoTime();
            RowDiff.Fingerprint now = RowDiff.scan(dsg, graph, rowClass(dsg, graph, a.preview.resources()));
            AutoMapping inferredMapping = d.automatic() ? a.inference.get() : null; // read before the conversion
            diff = inferredMapping != null && inferredMapping.idColumn() == null
                    || a.old.rows() == 0 && a.before.get(a.before.size() - 1).rows() > 0
                    ? RowDiff.Result.NO_STABLE_IDENTIFIERS : RowDiff.compare(a.old, now);
            LOG.info("{}: version {}: {} ({} rows before, {} after) in {} ms", d.slug(), a.number, diff, a.old.rows(), now.rows(), millisSince(td));
        }
        LOG.info("{}: catalog: VoID figures and table model", d.slug());
        long tv = System.nanoTime();
        // counted on the way into the loader (a triple that came twice is counted once, in the store's indexes)
        var voidStats = a.counted != null ? a.counted.result(dsg, graph, triples) : VoidCounter.count(dsg, graph);
        String sample = d.sampleQuery() != null ? d.sampleQuery() : SampleQuery.forClasses(graph, voidStats.classes());
        LOG.debug("{}: sample query and VoID figures in {} ms", d.slug(), millisSince(tv));
        long tt = System.nanoTime();
        var tables = TableModels.compute(dsg, graph);
        // the declared views name columns of these tables: a wrong one aborts the publish here
        var views = ViewCheck.check(d, tables, graph.getURI());
        TableModels.write(tables, staged);
        LOG.debug("{}: table model in {} ms", d.slug(), millisSince(tt));
        a.inferred = a.inference.get();
        if (a.inferred != null) Inference.writeCsvw(a.inferred, staged, CSVW_METADATA, d.slug(), a.fileName);
        // the RDF downloads are written after the new version is served (DownloadJobs), not here
        java.util.Map<String, CatalogRecord.FileFacts> dumps = java.util.Map.of();
        LOG.info("{}: catalog: the record", d.slug());
        Instant now = Instant.now();
        CatalogRecord.FileFacts original = Dumps.facts(staged.resolve(a.fileName));
        CatalogRecord.FileFacts csvw = a.inferred == null ? null : Dumps.facts(staged.resolve(CSVW_METADATA));
        RowDiff.Result rd = diff == null ? RowDiff.Result.NO_STABLE_IDENTIFIERS : diff;
        ConversionResult result = a.result;
        var version = new VersionRecord.Version(a.number, now, a.change.by(), a.change.note(), result.rows(), triples,
                a.fileName, Versions.facts(a.fileName, original, dumps, csvw), rd.stable(), rd.added(), rd.removed(),
                rd.changed(), true);
        a.history = a.versions.after(a.before, version);
        a.versions.prepare(staged, a.history); // what the next start needs if killed between the commit and the swap
        List<Triple> views2 = new ArrayList<>(mx.zocalo.server.catalog.ViewRecord.triples(iris, d.slug(), views));
        views2.addAll(VersionRecord.build(iris, d, a.history));
        replaceRecord(dsg, d.slug(), CatalogRecord.build(iris, d,
                new CatalogRecord.Statistics(result.rows(), triples, a.fileName, a.sha, now, sample,
                        original, dumps, voidStats, csvw)), views2);
        a.triples = triples;
    }

    private void replaceRecord(DatasetGraph dsg, String slug, List<Triple> record, List<Triple> views) {
        Node catalogGraph = iris.catalogGraph();
        recordQuads(dsg, iris, slug).forEach(dsg::delete);
        for (Triple t : CatalogRecord.catalog(iris)) dsg.add(new Quad(catalogGraph, t));
        for (Triple t : record) dsg.add(new Quad(catalogGraph, t));
        for (Triple t : views) dsg.add(new Quad(catalogGraph, t));
        touchCatalog(dsg, iris);
    }

    /**
     * What the catalog graph says about the dataset {@code slug}: every triple about an IRI minted under
     * {@code {base}dataset/{slug}} (the dataset, its record, distributions, partitions...) and every triple pointing at
     * the dataset. What other records share (themes, publishers, concepts) is not in it.
     */
    static List<Quad> recordQuads(DatasetGraph dsg, PortalIris iris, String slug) {
        String own = iris.dataset(slug).getURI();
        List<Quad> found = new ArrayList<>();
        dsg.find(iris.catalogGraph(), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            Node s = q.getSubject();
            if (s.isURI() && (s.getURI().equals(own) || s.getURI().startsWith(own + "/") || s.getURI().startsWith(own + "#"))) {
                found.add(q);
            } else if (q.getObject().isURI() && q.getObject().getURI().equals(own)) {
                found.add(q);
            }
        });
        return found;
    }

    /** Sets the catalog's {@code dct:modified} to now: the version every page and answer cache is keyed by. */
    static void touchCatalog(DatasetGraph dsg, PortalIris iris) {
        Node catalogGraph = iris.catalogGraph();
        dsg.deleteAny(catalogGraph, iris.catalog(), DCTerms.modified.asNode(), Node.ANY);
        dsg.add(catalogGraph, iris.catalog(), DCTerms.modified.asNode(),
                NodeFactory.createLiteralDT(Instant.now().toString(), XSDDatatype.XSDdateTime));
    }

    private String publishedFingerprint(String slug) {
        return store.read(dsg -> {
            var it = dsg.find(iris.catalogGraph(), iris.record(slug), iris.term("sourceSha256"), Node.ANY);
            return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
        });
    }

    private Path stageOriginal(DatasetDescription d, String fileName) {
        try {
            Path staged = store.filesDirectory().resolve("." + d.slug() + ".incoming");
            deleteTree(staged);
            Files.createDirectories(staged);
            Files.copy(d.source().file(), staged.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
            return staged;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + d.source().file() + " into the data directory", e);
        }
    }

    /** The class of the rows: the type of the first row's resource that has one (null when none is known). */
    private static Node rowClass(DatasetGraph dsg, Node graph, java.util.Collection<String> firstRows) {
        for (String iri : firstRows) {
            var it = dsg.find(graph, NodeFactory.createURI(iri), org.apache.jena.vocabulary.RDF.type.asNode(), Node.ANY);
            if (it.hasNext()) return it.next().getObject();
        }
        return null;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
