package mx.zocalo.server.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;

/**
 * What a store holds that belongs to no live catalog record of the portal: graphs left by a publish under another base
 * (its catalog, vocabularies and datasets), graphs of withdrawn datasets, datasets in the catalog whose graph is gone,
 * and folders of {@code files/} that no dataset owns. Harvested sub-catalogs, their records and datasets live in the
 * portal's catalog graph and belong to it: they are never findings.
 *
 * <pre>{@code
 * for (StoreCheck.Finding f : StoreCheck.run(store, iris)) System.out.println(f.what() + ": " + f.why());
 * }</pre>
 */
public final class StoreCheck {
    /** How a finding is removed: drop a graph, unpublish a dataset, delete a folder. */
    public enum Fix { DROP_GRAPH, UNPUBLISH, REMOVE_FOLDER }

    /** One thing that belongs to no live record: what it is (a graph IRI, a slug, a folder), why, and how to remove it. */
    public record Finding(Fix fix, String what, String why) {}

    private StoreCheck() {}

    /** The findings for the portal with base {@code iris}, graphs first, in order. */
    public static List<Finding> run(Store store, PortalIris iris) {
        List<String> live = liveSlugs(store, iris);
        // the performance goals' Data Cubes (zocalo performance publish) are the portal's own, like the catalog
        Set<String> owned = new LinkedHashSet<>(List.of(iris.catalogGraph().getURI(), iris.vocabularyGraph().getURI(),
                iris.iri("graph/performance").getURI()));
        live.forEach(slug -> owned.add(iris.datasetGraph(slug).getURI()));
        List<String> withdrawnList = store.read(dsg -> WithdrawnRecord.slugs(dsg.getGraph(iris.catalogGraph()), iris));
        Set<String> withdrawn = new TreeSet<>(withdrawnList);
        List<String> graphs = PortalCatalogs.graphs(store);
        List<String> bases = PortalCatalogs.bases(store);
        List<Finding> out = new ArrayList<>();
        for (String g : graphs) {
            if (owned.contains(g)) continue;
            out.add(new Finding(Fix.DROP_GRAPH, g, PortalCatalogs.triples(store, g) + " triples; " + why(store, iris, g, bases, withdrawn)));
        }
        for (String slug : live) {
            String g = iris.datasetGraph(slug).getURI();
            if (!graphs.contains(g) && !emptyByRecord(store, iris, slug)) {
                out.add(new Finding(Fix.UNPUBLISH, slug, "the catalog lists the dataset " + slug + " but its graph " + g
                        + " is empty: publish it again, or withdraw it"));
            }
        }
        for (Path folder : folders(store.filesDirectory())) {
            String name = folder.getFileName().toString();
            if (live.contains(name)) continue;
            out.add(new Finding(Fix.REMOVE_FOLDER, folder.toString(), name.startsWith(".")
                    ? "left by a publish or rebase that did not finish"
                    : withdrawn.contains(name) ? "the files of the withdrawn dataset " + name : "files of no dataset in the catalog"));
        }
        return out;
    }

    /** The slugs of the datasets the portal's catalog lists ({@code dcat:dataset}), in order. */
    public static List<String> liveSlugs(Store store, PortalIris iris) {
        String prefix = iris.dataset("").getURI();
        return store.read(dsg -> {
            TreeSet<String> out = new TreeSet<>();
            dsg.find(iris.catalogGraph(), iris.catalog(), DCAT.dataset.asNode(), Node.ANY).forEachRemaining(q -> {
                Node d = q.getObject();
                if (d.isURI() && d.getURI().startsWith(prefix) && !d.getURI().substring(prefix.length()).contains("/")) {
                    out.add(d.getURI().substring(prefix.length()));
                }
            });
            return new ArrayList<>(out);
        });
    }

    /** Whether the record of {@code slug} says its graph has no triples (a table that gave none): then none is expected. */
    private static boolean emptyByRecord(Store store, PortalIris iris, String slug) {
        return store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.dataset(slug), iris.term("triples"),
                NodeFactory.createLiteralDT("0", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)));
    }

    /** Why a graph belongs to no record: whose it was, as far as its name and content tell. */
    private static String why(Store store, PortalIris iris, String g, List<String> bases, Set<String> withdrawn) {
        String base = bases.stream().filter(b -> g.startsWith(b) && !b.equals(iris.base())).findFirst().orElse(null);
        if (base != null) {
            if (g.equals(base + "graph/catalog")) return "the catalog of another base, " + base + catalogContents(store, g, base);
            if (g.equals(base + "graph/vocabularies")) return "the portal vocabularies under another base, " + base;
            return "a graph published under another base, " + base;
        }
        String slug = g.startsWith(iris.base() + "graph/") ? g.substring((iris.base() + "graph/").length()) : null;
        if (slug != null && withdrawn.contains(slug)) return "the graph of the withdrawn dataset " + slug;
        if (slug != null) return "no record of the catalog names it";
        return "not under the portal's base " + iris.base() + " and no record of its catalog names it";
    }

    /** ": datasets a, b" for a catalog graph of another base. */
    private static String catalogContents(Store store, String g, String base) {
        List<String> slugs = store.read(dsg -> {
            Graph graph = dsg.getGraph(NodeFactory.createURI(g));
            TreeSet<String> out = new TreeSet<>();
            graph.find(NodeFactory.createURI(base + "catalog"), DCAT.dataset.asNode(), Node.ANY).forEachRemaining(t -> {
                Node d = t.getObject();
                if (d.isURI()) out.add(d.getURI().startsWith(base + "dataset/") ? d.getURI().substring((base + "dataset/").length()) : d.getURI());
            });
            graph.find(Node.ANY, RDF.type.asNode(), DCAT.Catalog.asNode()).forEachRemaining(t -> {
                if (t.getSubject().isURI() && t.getSubject().getURI().startsWith(base + "catalog/harvested/")) {
                    out.add("harvested " + t.getSubject().getURI().substring((base + "catalog/harvested/").length()));
                }
            });
            return new ArrayList<>(out);
        });
        return slugs.isEmpty() ? "" : " (" + String.join(", ", slugs) + ")";
    }

    /** The sub-folders of {@code files/}, staging folders ({@code .slug.incoming}, {@code .slug.rebase}) included. */
    private static List<Path> folders(Path files) {
        if (files == null || !Files.isDirectory(files)) return List.of();
        try (Stream<Path> s = Files.list(files)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + files, e);
        }
    }
}
