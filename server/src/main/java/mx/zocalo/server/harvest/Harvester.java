package mx.zocalo.server.harvest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mx.zocalo.server.catalog.CatalogRecord;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.harvest.SourceReader.Page;
import mx.zocalo.server.store.Store;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the datasets of another DCAT catalog into the portal's catalog graph, as a sub-catalog
 * {@code {base}catalog/harvested/{name}} of the portal's catalog: each dataset with its upstream IRI and its whole
 * description (see {@link Description}), and a {@code dcat:CatalogRecord} per dataset saying where it came from, when
 * it was first and last harvested and whether it is still upstream ({@code adms:status} Completed or Withdrawn).
 *
 * <p>All pages are read first; then ONE write transaction replaces what the previous harvest of the same source
 * wrote, so a failing harvest leaves the store as it was. Datasets are matched to earlier records by IRI, else by
 * {@code dct:identifier}; a blank-node dataset gets an IRI minted from the source and its {@code dct:identifier}.
 *
 * <pre>{@code
 * Harvester.Outcome o = new Harvester(store, iris, new SourceReader(Duration.ofSeconds(60), 10_000))
 *         .harvest("https://datos.example.org/catalog", null);
 * System.out.println(o.summary());
 * }</pre>
 */
public final class Harvester {
    public static final String ADMS = "http://www.w3.org/ns/adms#";
    public static final String STATUS = "http://purl.org/adms/status/";
    public static final Node ADMS_STATUS = NodeFactory.createURI(ADMS + "status");
    public static final Node COMPLETED = NodeFactory.createURI(STATUS + "Completed");
    public static final Node WITHDRAWN = NodeFactory.createURI(STATUS + "Withdrawn");
    static final Node WAS_DERIVED_FROM = NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom");
    private static final Node TYPE = RDF.type.asNode();
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.harvest");

    private final Store store;
    private final PortalIris iris;
    private final SourceReader reader;

    public Harvester(Store store, PortalIris iris, SourceReader reader) {
        this.store = store;
        this.iris = iris;
        this.reader = reader;
    }

    /** What a harvest did. {@code withdrawnDatasets} are those found gone in this harvest. */
    public record Outcome(String source, String catalog, int datasets, int added, int updated, int unchanged,
                          int withdrawn, int pages, List<String> withdrawnDatasets, List<String> skipped) {
        public String summary() {
            return "harvested " + datasets + " datasets from " + source + " (" + added + " new, " + updated
                    + " updated, " + withdrawn + " withdrawn) in " + pages + (pages == 1 ? " page" : " pages");
        }
    }

    /** One dataset as found upstream: the IRI it keeps here, its identifier, its description, where it came from. */
    public record Found(Node iri, String identifier, List<Triple> description, Node source) {}

    /** The sub-catalog of a source: {@code {base}catalog/harvested/{name}}. */
    public Node subCatalog(String name) {
        return iris.iri("catalog/harvested/" + name);
    }

    /** Harvests {@code source} (an http(s) URL or a file) into the sub-catalog {@code name} (null: one from the source). */
    public Outcome harvest(String source, String name) {
        return write(read(iris, reader, source, name));
    }

    /** A source read and ready to write: nothing in it touches the store. */
    public record Read(String source, String sourceIri, boolean named, Node subCatalog, CatalogInfo info,
                       Map<Node, Found> found, int pages, List<String> skipped) {}

    /**
     * Reads every page of {@code source} and picks out its datasets and their descriptions, without opening the store:
     * a source that cannot be read fails here, before anything is written (or even created).
     */
    public static Read read(PortalIris iris, SourceReader reader, String source, String name) {
        String sourceIri = SourceReader.sourceIri(source);
        String slug = name != null ? checkedName(name) : nameOf(sourceIri);
        Node sub = iris.iri("catalog/harvested/" + slug);
        LOG.debug("{}: reading the source", source);
        List<Page> pages = reader.readAll(source);

        Graph merged = GraphFactory.createDefaultGraph();
        Map<Node, String> pageOf = new HashMap<>();
        for (Page p : pages) {
            for (Node d : Description.datasets(p.graph())) pageOf.putIfAbsent(d, p.url());
            p.graph().find().forEachRemaining(merged::add);
        }
        Set<Node> upstream = Description.datasets(merged);
        List<String> skipped = new ArrayList<>();
        Map<Node, Found> found = new LinkedHashMap<>();
        String own = iris.dataset("").getURI();
        for (Node d : upstream) {
            String identifier = identifier(merged, d);
            Node keep = d;
            if (d.isBlank()) {
                if (identifier == null) {
                    skipped.add("a dataset without IRI nor dct:identifier (" + title(merged, d) + ")");
                    continue;
                }
                keep = NodeFactory.createURI(sub.getURI() + "/dataset/" + hash(identifier));
            } else if (d.getURI().startsWith(own)) {
                skipped.add(d.getURI() + ": one of this portal's own datasets");
                continue;
            }
            if (found.containsKey(keep)) {
                skipped.add("a second dataset with dct:identifier \"" + identifier + "\"");
                continue;
            }
            List<Triple> description = new ArrayList<>();
            for (Triple t : Description.of(merged, d, upstream)) description.add(rename(t, d, keep));
            found.put(keep, new Found(keep, identifier, description, provenance(merged, d, pageOf.get(d))));
        }
        for (String s : skipped) LOG.warn("{}: skipped {}", source, s);
        if (found.isEmpty()) {
            throw new HarvestException(source + ": no dcat:Dataset found in " + pages.size()
                    + (pages.size() == 1 ? " page" : " pages") + "; nothing changed");
        }
        return new Read(source, sourceIri, name != null, sub, catalogInfo(merged, sourceIri), found, pages.size(), skipped);
    }

    /** Writes what {@link #read} found, in ONE write transaction: an exception aborts it and nothing changes. */
    public Outcome write(Read r) {
        Outcome[] out = new Outcome[1];
        LOG.debug("{}: {} datasets read, writing them into the catalog", r.source(), r.found().size());
        store.write(dsg -> out[0] = apply(dsg.getGraph(iris.catalogGraph()), r.source(), r.sourceIri(), r.named(),
                r.subCatalog(), r.info(), r.found(), r.pages(), r.skipped()));
        store.derivedIndexes().afterWrite(); // harvested datasets found, those gone upstream no longer
        return out[0];
    }

    private Outcome apply(Graph g, String source, String sourceIri, boolean named, Node sub, CatalogInfo info,
                          Map<Node, Found> found, int pages, List<String> skipped) {
        Node now = NodeFactory.createLiteralDT(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), XSDDatatype.XSDdateTime);
        Node previousSource = object(g, sub, DCTerms.source.asNode());
        if (!named && previousSource != null && !previousSource.getURI().equals(sourceIri)) {
            throw new HarvestException("The name " + sub.getURI().substring(sub.getURI().lastIndexOf('/') + 1)
                    + " is already taken by " + previousSource.getURI() + "; give this source another one with --name");
        }

        // What the previous harvests of this source left: record -> dataset.
        Map<Node, Node> topicOf = new LinkedHashMap<>();
        g.find(sub, DCAT.record.asNode(), Node.ANY).forEachRemaining(t -> {
            Node topic = object(g, t.getObject(), FOAF.primaryTopic.asNode());
            if (topic != null) topicOf.put(t.getObject(), topic);
        });
        Map<Node, Node> recordOf = new HashMap<>();
        topicOf.forEach((rec, ds) -> recordOf.put(ds, rec));
        Map<String, List<Node>> byIdentifier = new HashMap<>();
        topicOf.forEach((rec, ds) -> {
            String id = identifier(g, ds);
            if (id != null) byIdentifier.computeIfAbsent(id, k -> new ArrayList<>()).add(rec);
        });
        Map<String, Integer> upstreamIds = new HashMap<>();
        found.values().forEach(f -> { if (f.identifier() != null) upstreamIds.merge(f.identifier(), 1, Integer::sum); });

        // Match: by dataset IRI, else by a dct:identifier unique on both sides.
        Map<Node, Node> matched = new LinkedHashMap<>();   // upstream dataset -> record
        Set<Node> taken = new HashSet<>();
        for (Found f : found.values()) {
            Node rec = recordOf.get(f.iri());
            if (rec != null) {
                matched.put(f.iri(), rec);
                taken.add(rec);
            }
        }
        for (Found f : found.values()) {
            if (matched.containsKey(f.iri()) || f.identifier() == null || upstreamIds.get(f.identifier()) != 1) continue;
            List<Node> candidates = byIdentifier.getOrDefault(f.identifier(), List.of());
            if (candidates.size() == 1 && !taken.contains(candidates.get(0))
                    && !found.containsKey(topicOf.get(candidates.get(0)))) {
                matched.put(f.iri(), candidates.get(0));
                taken.add(candidates.get(0));
            }
        }

        // Remove the descriptions being replaced, but not what other datasets' descriptions share.
        Set<Node> allDatasets = Description.datasets(g);
        allDatasets.addAll(topicOf.values());
        allDatasets.addAll(found.keySet());
        Set<Node> replaced = new HashSet<>(found.keySet());
        matched.values().forEach(rec -> replaced.add(topicOf.get(rec)));
        Map<Node, List<Triple>> oldDescriptions = new HashMap<>();
        Set<Triple> remove = new LinkedHashSet<>();
        for (Node ds : replaced) {
            List<Triple> old = Description.of(g, ds, allDatasets);
            oldDescriptions.put(ds, old);
            remove.addAll(old);
        }
        Map<Node, Boolean> shared = new HashMap<>();
        List<Triple> doomed = new ArrayList<>();
        for (Triple t : remove) {
            Node s = t.getSubject();
            if (replaced.contains(s) || !shared.computeIfAbsent(s, n -> Description.sharedWithOthers(g, n, allDatasets, replaced))) {
                doomed.add(t);
            }
        }

        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (Found f : found.values()) {
            Node rec = matched.get(f.iri());
            if (rec == null) {
                added++;
                continue;
            }
            Node before = topicOf.get(rec);
            boolean same = before.equals(f.iri()) && COMPLETED.equals(object(g, rec, ADMS_STATUS))
                    && isomorphic(oldDescriptions.get(before), f.description());
            if (same) unchanged++;
            else updated++;
        }
        doomed.forEach(g::delete);

        // The new descriptions and their records.
        for (Found f : found.values()) {
            f.description().forEach(g::add);
            Node rec = matched.get(f.iri());
            if (rec == null) {
                rec = NodeFactory.createURI(sub.getURI() + "/record/" + hash(f.iri().getURI()));
                g.add(Triple.create(rec, DCTerms.issued.asNode(), now));
            } else {
                Node before = topicOf.get(rec);
                if (!before.equals(f.iri())) g.delete(Triple.create(sub, DCAT.dataset.asNode(), before));
                for (Node p : List.of(FOAF.primaryTopic.asNode(), DCTerms.source.asNode(), DCTerms.modified.asNode(), ADMS_STATUS)) {
                    g.remove(rec, p, Node.ANY);
                }
            }
            g.add(Triple.create(rec, TYPE, DCAT.CatalogRecord.asNode()));
            g.add(Triple.create(rec, FOAF.primaryTopic.asNode(), f.iri()));
            g.add(Triple.create(rec, DCTerms.source.asNode(), f.source()));
            g.add(Triple.create(rec, DCTerms.modified.asNode(), now));
            g.add(Triple.create(rec, ADMS_STATUS, COMPLETED));
            g.add(Triple.create(sub, DCAT.dataset.asNode(), f.iri()));
            g.add(Triple.create(sub, DCAT.record.asNode(), rec));
        }

        // Datasets gone upstream: kept, marked withdrawn.
        List<String> withdrawn = new ArrayList<>();
        for (Map.Entry<Node, Node> e : topicOf.entrySet()) {
            Node rec = e.getKey();
            Node ds = e.getValue();
            if (taken.contains(rec) || found.containsKey(ds) || WITHDRAWN.equals(object(g, rec, ADMS_STATUS))) continue;
            for (Node s : List.of(rec, ds)) {
                g.remove(s, ADMS_STATUS, Node.ANY);
                g.add(Triple.create(s, ADMS_STATUS, WITHDRAWN));
            }
            g.remove(rec, DCTerms.modified.asNode(), Node.ANY);
            g.add(Triple.create(rec, DCTerms.modified.asNode(), now));
            withdrawn.add(ds.isURI() ? ds.getURI() : ds.toString());
        }

        // The sub-catalog, linked from the portal's catalog, and the status concepts.
        for (Triple t : CatalogRecord.catalog(iris)) g.add(t);
        g.add(Triple.create(iris.catalog(), DCAT.catalog.asNode(), sub));
        for (Node p : List.of(DCTerms.title.asNode(), DCTerms.description.asNode(), DCTerms.source.asNode(),
                FOAF.homepage.asNode(), DCTerms.modified.asNode(), WAS_DERIVED_FROM)) {
            g.remove(sub, p, Node.ANY);
        }
        g.add(Triple.create(sub, TYPE, DCAT.Catalog.asNode()));
        info.titles().forEach(t -> g.add(Triple.create(sub, DCTerms.title.asNode(), t)));
        info.descriptions().forEach(t -> g.add(Triple.create(sub, DCTerms.description.asNode(), t)));
        Node sourceNode = NodeFactory.createURI(sourceIri);
        g.add(Triple.create(sub, DCTerms.source.asNode(), sourceNode));
        g.add(Triple.create(sub, WAS_DERIVED_FROM, sourceNode));
        if (info.homepage() != null) g.add(Triple.create(sub, FOAF.homepage.asNode(), info.homepage()));
        if (!g.contains(sub, DCTerms.issued.asNode(), Node.ANY)) g.add(Triple.create(sub, DCTerms.issued.asNode(), now));
        g.add(Triple.create(sub, DCTerms.modified.asNode(), now));
        concept(g, COMPLETED, "Completado", "Completed");
        concept(g, WITHDRAWN, "Retirado", "Withdrawn");

        Outcome o = new Outcome(source, sub.getURI(), found.size(), added, updated, unchanged, withdrawn.size(), pages,
                withdrawn, skipped);
        LOG.info(o.summary());
        return o;
    }

    private static void concept(Graph g, Node status, String es, String en) {
        g.add(Triple.create(status, TYPE, SKOS.Concept.asNode()));
        g.add(Triple.create(status, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang(es, "es")));
        g.add(Triple.create(status, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang(en, "en")));
        g.add(Triple.create(status, SKOS.inScheme.asNode(), NodeFactory.createURI(STATUS + "1.0")));
    }

    /** The title, description and homepage the sub-catalog takes from the upstream catalog, when there is one. */
    public record CatalogInfo(List<Node> titles, List<Node> descriptions, Node homepage) {}

    private static CatalogInfo catalogInfo(Graph g, String sourceIri) {
        // The upstream catalog: one that no other catalog lists as its sub-catalog.
        TreeSet<String> roots = new TreeSet<>();
        g.find(Node.ANY, TYPE, DCAT.Catalog.asNode()).forEachRemaining(t -> {
            Node c = t.getSubject();
            if (c.isURI() && !g.contains(Node.ANY, DCAT.catalog.asNode(), c)) roots.add(c.getURI());
        });
        List<Node> titles = new ArrayList<>();
        List<Node> descriptions = new ArrayList<>();
        Node homepage = null;
        if (roots.size() == 1) {
            Node c = NodeFactory.createURI(roots.first());
            g.find(c, DCTerms.title.asNode(), Node.ANY).forEachRemaining(t -> { if (t.getObject().isLiteral()) titles.add(t.getObject()); });
            g.find(c, DCTerms.description.asNode(), Node.ANY).forEachRemaining(t -> { if (t.getObject().isLiteral()) descriptions.add(t.getObject()); });
            homepage = object(g, c, FOAF.homepage.asNode());
        }
        if (titles.isEmpty()) {
            titles.add(NodeFactory.createLiteralLang("Catálogo cosechado de " + sourceIri, "es"));
            titles.add(NodeFactory.createLiteralLang("Catalog harvested from " + sourceIri, "en"));
        }
        if ((homepage == null || !homepage.isURI()) && SourceReader.isHttp(sourceIri)) homepage = NodeFactory.createURI(sourceIri);
        return new CatalogInfo(titles, descriptions, homepage != null && homepage.isURI() ? homepage : null);
    }

    /** Where a dataset's record came from: the upstream catalog record about it, else the page it was on. */
    private static Node provenance(Graph g, Node dataset, String page) {
        TreeSet<String> records = new TreeSet<>();
        g.find(Node.ANY, FOAF.primaryTopic.asNode(), dataset).forEachRemaining(t -> {
            if (t.getSubject().isURI() && g.contains(t.getSubject(), TYPE, DCAT.CatalogRecord.asNode())) records.add(t.getSubject().getURI());
        });
        return NodeFactory.createURI(records.isEmpty() ? page : records.first());
    }

    private static boolean isomorphic(List<Triple> a, List<Triple> b) {
        if (a.size() != b.size()) return false;
        Graph ga = GraphFactory.createDefaultGraph();
        Graph gb = GraphFactory.createDefaultGraph();
        a.forEach(ga::add);
        b.forEach(gb::add);
        return ga.isIsomorphicWith(gb);
    }

    private static Triple rename(Triple t, Node from, Node to) {
        if (from.equals(to)) return t;
        Node s = t.getSubject().equals(from) ? to : t.getSubject();
        Node o = t.getObject().equals(from) ? to : t.getObject();
        return Triple.create(s, t.getPredicate(), o);
    }

    /** The first (in order) {@code dct:identifier} of a node, as text, or null. */
    static String identifier(Graph g, Node d) {
        TreeSet<String> ids = new TreeSet<>();
        g.find(d, DCTerms.identifier.asNode(), Node.ANY).forEachRemaining(t -> {
            Node o = t.getObject();
            if (o.isLiteral() && !o.getLiteralLexicalForm().isBlank()) ids.add(o.getLiteralLexicalForm().strip());
            else if (o.isURI()) ids.add(o.getURI());
        });
        return ids.isEmpty() ? null : ids.first();
    }

    private static String title(Graph g, Node d) {
        Node t = object(g, d, DCTerms.title.asNode());
        return t != null && t.isLiteral() ? "\"" + t.getLiteralLexicalForm() + "\"" : "untitled";
    }

    private static Node object(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject() : null;
        } finally {
            it.close();
        }
    }

    /** A name for a source: its host and path (or file name without extension) in lower case, words joined by dashes. */
    public static String nameOf(String sourceIri) {
        String s = sourceIri;
        if (s.startsWith("file:")) {
            s = java.nio.file.Path.of(java.net.URI.create(s)).getFileName().toString();
            int dot = s.indexOf('.');
            if (dot > 0) s = s.substring(0, dot);
        } else {
            s = s.replaceFirst("^[a-zA-Z]+://", "").replaceFirst("^www\\.", "");
        }
        String slug = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 80) slug = slug.substring(0, 63) + "-" + hash(sourceIri);
        return slug.isEmpty() ? hash(sourceIri) : slug;
    }

    private static String checkedName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]{0,79}")) {
            throw new HarvestException("The name must be lower-case letters, digits and dashes (at most 80), not '" + name + "'");
        }
        return name;
    }

    /** 16 hex digits of the SHA-256 of a text: stable across harvests and machines. */
    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
