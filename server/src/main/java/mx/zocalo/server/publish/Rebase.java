package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.CatalogRecord.FileFacts;
import mx.zocalo.server.catalog.PortalCatalogs;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves everything a store holds from one base IRI to another: every IRI under the old base — graph names, subjects,
 * predicates, objects — is rewritten to the same path under the new one, and so is the old base wherever a literal
 * mentions it (sample queries, {@code void:uriSpace}). All graphs change in ONE write (on a remote store: one request
 * per graph, as every remote write). The RDF downloads and CSVW metadata in {@code files/} are rewritten the same way
 * (written beside the originals first, moved into place once the store has committed), and their sizes and checksums
 * in the catalog follow in the same write.
 *
 * <pre>{@code
 * Rebase.Outcome o = Rebase.run(store, new PortalIris("http://localhost:8080/"), new PortalIris("https://datos.example.mx/"));
 * }</pre>
 */
public final class Rebase {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.publish");
    private static final String STAGING = ".rebase";
    private static final Node CHECKSUM = NodeFactory.createURI("http://spdx.org/rdf/terms#checksum");
    private static final Node CHECKSUM_VALUE = NodeFactory.createURI("http://spdx.org/rdf/terms#checksumValue");

    /** What moved: triples (quads) rewritten, graphs renamed or changed, dataset folders whose files were rewritten. */
    public record Outcome(String from, String to, long quads, int graphs, int folders) {
        public String summary() {
            return "moved " + quads + " triples in " + graphs + (graphs == 1 ? " graph" : " graphs") + " and the files of "
                    + folders + (folders == 1 ? " dataset" : " datasets") + " from " + from + " to " + to;
        }
    }

    private final Store store;
    private final String from;
    private final String to;
    private final PortalIris target;

    private Rebase(Store store, PortalIris from, PortalIris to) {
        this.store = store;
        this.from = from.base();
        this.to = to.base();
        this.target = to;
    }

    /** Rewrites the store and its files from base {@code from} to base {@code to}. */
    public static Outcome run(Store store, PortalIris from, PortalIris to) {
        if (from.base().equals(to.base())) throw new IllegalArgumentException("The new base is the old one: " + to.base());
        return new Rebase(store, from, to).run();
    }

    private Outcome run() {
        long t0 = System.nanoTime();
        List<String> graphs = PortalCatalogs.graphs(store);
        List<String> taken = graphs.stream().filter(g -> g.startsWith(to) && !g.startsWith(from)).toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("The store already holds graphs under " + to + " (" + String.join(", ", taken)
                    + "); moving " + from + " there would mix two portals. Remove them first (`zocalo store check` lists "
                    + "them with the command for each)");
        }
        Map<String, Map<Path, Path>> staged = stageFiles();
        long[] quads = {0};
        int[] changed = {0};
        try {
            store.write(dsg -> {
                for (String g : graphs) {
                    long n = move(dsg, NodeFactory.createURI(g));
                    if (n > 0) changed[0]++;
                    quads[0] += n;
                }
                updateFacts(dsg, staged);
                if (dsg.contains(target.catalogGraph(), target.catalog(), Node.ANY, Node.ANY)) DatasetPublisher.touchCatalog(dsg, target);
            });
        } catch (RuntimeException e) {
            staged.keySet().forEach(slug -> DatasetPublisher.deleteTree(stagingOf(slug)));
            throw e;
        }
        for (Map.Entry<String, Map<Path, Path>> e : staged.entrySet()) {
            try {
                for (Map.Entry<Path, Path> f : e.getValue().entrySet()) {
                    Files.move(f.getValue(), f.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("The store moved to " + to + " but the files of " + e.getKey()
                        + " could not be replaced; republish it with --force", ex);
            }
            DatasetPublisher.deleteTree(stagingOf(e.getKey()));
        }
        store.derivedIndexes().afterWrite(); // every IRI changed: the indexes follow
        Outcome o = new Outcome(from, to, quads[0], changed[0], staged.size());
        LOG.info("{} in {} ms", o.summary(), (System.nanoTime() - t0) / 1_000_000);
        return o;
    }

    /** Replaces graph {@code g} by its rewritten content (under its rewritten name); the number of triples, 0 if unchanged. */
    private long move(DatasetGraph dsg, Node g) {
        Node name = rename(g);
        Graph renamed = GraphFactory.createDefaultGraph();
        boolean[] differs = {!name.equals(g)};
        store.read(d -> {
            d.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                Triple t = Triple.create(rename(q.getSubject()), rename(q.getPredicate()), rename(q.getObject()));
                if (!differs[0] && !t.equals(q.asTriple())) differs[0] = true;
                renamed.add(t);
            });
            return null;
        });
        if (!differs[0]) return 0;
        // whole graphs out and in (removeGraph: TDB2's deleteAny leaves decimals written as 1520.50 behind)
        dsg.removeGraph(g);
        dsg.addGraph(name, renamed);
        return renamed.size();
    }

    /** The same term under the new base: an IRI under the old base, or a literal that mentions it; anything else as it is. */
    Node rename(Node n) {
        if (n.isURI()) {
            String iri = n.getURI();
            return iri.startsWith(from) ? NodeFactory.createURI(to + iri.substring(from.length())) : n;
        }
        if (n.isLiteral() && n.getLiteralLexicalForm().contains(from)) {
            String lex = n.getLiteralLexicalForm().replace(from, to);
            String lang = n.getLiteralLanguage();
            return lang == null || lang.isEmpty() ? NodeFactory.createLiteralDT(lex, n.getLiteralDatatype())
                    : NodeFactory.createLiteralLang(lex, lang);
        }
        return n;
    }

    // ---- files

    /** Per dataset folder: for each file that mentions the old base, its final place and its rewritten copy. */
    private Map<String, Map<Path, Path>> stageFiles() {
        Map<String, Map<Path, Path>> staged = new LinkedHashMap<>();
        Path files = store.filesDirectory();
        if (!Files.isDirectory(files)) return staged;
        List<Path> folders;
        try (Stream<Path> s = Files.list(files)) {
            folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + files, e);
        }
        try {
            for (Path folder : folders) {
                String slug = folder.getFileName().toString();
                Map<Path, Path> rewritten = new LinkedHashMap<>();
                for (Path f : rewritable(folder, slug)) {
                    Path copy = stagingOf(slug).resolve(folder.relativize(f).toString());
                    Files.createDirectories(copy.getParent());
                    if (replace(f, copy, from, to)) rewritten.put(f, copy);
                    else Files.delete(copy);
                }
                if (!rewritten.isEmpty()) staged.put(slug, rewritten);
                else DatasetPublisher.deleteTree(stagingOf(slug));
            }
        } catch (IOException | RuntimeException e) {
            for (Path folder : folders) DatasetPublisher.deleteTree(stagingOf(folder.getFileName().toString()));
            throw e instanceof IOException io ? new UncheckedIOException("Cannot rewrite the files in " + files, io)
                    : (RuntimeException) e;
        }
        return staged;
    }

    /** The files made from the data that may name the base: the RDF downloads and the CSVW metadata (not the original). */
    private static List<Path> rewritable(Path folder, String slug) {
        List<Path> out = new ArrayList<>();
        Path csvw = folder.resolve(DatasetPublisher.CSVW_METADATA);
        if (Files.isRegularFile(csvw)) out.add(csvw);
        Path rdf = folder.resolve(Dumps.FOLDER);
        if (Files.isDirectory(rdf)) {
            try (Stream<Path> s = Files.list(rdf)) {
                s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(slug + ".")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + rdf, e);
            }
        }
        return out;
    }

    private Path stagingOf(String slug) {
        return store.filesDirectory().resolve("." + slug + STAGING);
    }

    /** Copies {@code in} to {@code out} with every {@code from} replaced by {@code to}; whether anything was replaced. */
    static boolean replace(Path in, Path out, String from, String to) throws IOException {
        boolean any = false;
        try (Reader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            char[] buf = new char[1 << 16];
            StringBuilder pending = new StringBuilder();
            for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
                pending.append(buf, 0, n);
                int done = 0;
                for (int k = pending.indexOf(from); k >= 0; k = pending.indexOf(from, done)) {
                    w.append(pending, done, k).append(to);
                    done = k + from.length();
                    any = true;
                }
                // the tail could be the start of an occurrence that the next read completes
                int safe = Math.max(done, pending.length() - (from.length() - 1));
                w.append(pending, done, safe);
                pending.delete(0, safe);
            }
            w.append(pending);
        }
        return any;
    }

    /** The new size and SHA-256 of every rewritten download, on its distribution in the catalog. */
    private void updateFacts(DatasetGraph dsg, Map<String, Map<Path, Path>> staged) {
        Node catalogGraph = target.catalogGraph();
        for (Map.Entry<String, Map<Path, Path>> e : staged.entrySet()) {
            String slug = e.getKey();
            for (Map.Entry<Path, Path> f : e.getValue().entrySet()) {
                String name = f.getKey().getFileName().toString();
                String ext = name.equals(DatasetPublisher.CSVW_METADATA) ? "csvw" : name.substring(slug.length() + 1);
                Node dist = target.distribution(slug, ext);
                if (!dsg.contains(catalogGraph, dist, DCAT.byteSize.asNode(), Node.ANY)) continue;
                FileFacts facts = Dumps.facts(f.getValue());
                dsg.deleteAny(catalogGraph, dist, DCAT.byteSize.asNode(), Node.ANY);
                dsg.add(catalogGraph, dist, DCAT.byteSize.asNode(),
                        NodeFactory.createLiteralDT(Long.toString(facts.bytes()), XSDDatatype.XSDnonNegativeInteger));
                Node checksum = NodeFactory.createURI(dist.getURI() + "#checksum");
                if (dsg.contains(catalogGraph, dist, CHECKSUM, checksum)) {
                    dsg.deleteAny(catalogGraph, checksum, CHECKSUM_VALUE, Node.ANY);
                    dsg.add(catalogGraph, checksum, CHECKSUM_VALUE, NodeFactory.createLiteralDT(facts.sha256(), XSDDatatype.XSDhexBinary));
                }
            }
        }
    }
}
