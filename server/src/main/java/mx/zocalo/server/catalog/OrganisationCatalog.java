package mx.zocalo.server.catalog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;

/**
 * What the public catalog says of an organisation: its live datasets (the records carrying {@code zoc:organisation
 * "slug"}, written by {@link CatalogRecord}) and its activity, the public versions of those datasets (written by
 * {@link VersionRecord}), newest first. Reads the catalog graph only, through the store's read API: nothing of the
 * private version history (who published) nor of the accounts database.
 */
public final class OrganisationCatalog {
    /** A dataset of the organisation: slug, title in the asked language, modified date (or null), current version (or null). */
    public record Dataset(String slug, String title, String modified, String version) {}

    /**
     * One public version of a dataset of the organisation: the row difference is null when the catalog does not say it
     * (the first version, or a dataset without stable row identifiers).
     */
    public record Activity(String slug, String title, int version, Instant issued, String note, Long rows, Long added,
                           Long removed, Long changed, boolean withdrawn) {}

    private final Store store;
    private final PortalIris iris;

    public OrganisationCatalog(Store store, PortalIris iris) {
        this.store = store;
        this.iris = iris;
    }

    /** The number of live datasets of each organisation slug found in the catalog. */
    public Map<String, Integer> counts() {
        return store.read(dsg -> {
            Graph g = dsg.getGraph(iris.catalogGraph());
            Map<String, Integer> out = new TreeMap<>();
            for (Node rec : liveRecords(g)) {
                g.find(rec, iris.term("organisation"), Node.ANY).forEachRemaining(t -> {
                    if (t.getObject().isLiteral()) out.merge(t.getObject().getLiteralLexicalForm(), 1, Integer::sum);
                });
            }
            return out;
        });
    }

    /** The live datasets of {@code organisation}, by title in {@code lang}. */
    public List<Dataset> datasets(String organisation, String lang) {
        return store.read(dsg -> {
            Graph g = dsg.getGraph(iris.catalogGraph());
            List<Dataset> out = new ArrayList<>();
            for (String slug : slugs(g, organisation)) {
                Node ds = iris.dataset(slug);
                out.add(new Dataset(slug, text(g, ds, DCTerms.title.asNode(), lang, slug), first(g, ds, DCTerms.modified.asNode()),
                        first(g, ds, NodeFactory.createURI(DCAT.NS + "version"))));
            }
            out.sort(Comparator.comparing(Dataset::title, String.CASE_INSENSITIVE_ORDER).thenComparing(Dataset::slug));
            return out;
        });
    }

    /**
     * The public versions of the live datasets of {@code organisation} and the withdrawals of its datasets (version 0,
     * {@code withdrawn}), newest first.
     */
    public List<Activity> activity(String organisation, String lang) {
        return store.read(dsg -> {
            Graph g = dsg.getGraph(iris.catalogGraph());
            List<Activity> out = new ArrayList<>();
            for (String slug : slugs(g, organisation)) {
                Node ds = iris.dataset(slug);
                String title = text(g, ds, DCTerms.title.asNode(), lang, slug);
                for (Triple t : g.find(ds, NodeFactory.createURI(DCAT.NS + "hasVersion"), Node.ANY).toList()) {
                    Node v = t.getObject();
                    String number = first(g, v, NodeFactory.createURI(DCAT.NS + "version"));
                    String issued = first(g, v, DCTerms.issued.asNode());
                    if (number == null || issued == null) continue;
                    Instant when;
                    try {
                        when = Instant.parse(issued);
                    } catch (DateTimeParseException e) {
                        continue;
                    }
                    String note = text(g, v, NodeFactory.createURI(CatalogRecord.ADMS + "versionNotes"), lang, "");
                    out.add(new Activity(slug, title, Integer.parseInt(number), when, note, number(g, v, "rows"),
                            number(g, v, "rowsAdded"), number(g, v, "rowsRemoved"), number(g, v, "rowsChanged"), false));
                }
            }
            for (String slug : WithdrawnRecord.slugs(g, iris)) { // withdrawals the catalog attributes to the organisation
                if (!g.contains(iris.record(slug), iris.term("organisation"), NodeFactory.createLiteralString(organisation))) continue;
                WithdrawnRecord.of(g, iris, slug, lang).filter(w -> w.when() != null).ifPresent(w ->
                        out.add(new Activity(slug, w.title(), 0, w.when(), "", null, null, null, null, true)));
            }
            out.sort(Comparator.comparing(Activity::issued).reversed().thenComparing(Activity::slug).thenComparing(Activity::version,
                    Comparator.reverseOrder()));
            return out;
        });
    }

    /** The organisation whose record of dataset {@code slug} says it owns it, or null. */
    public String organisationOf(String slug) {
        return store.read(dsg -> first(dsg.getGraph(iris.catalogGraph()), iris.record(slug), iris.term("organisation")));
    }

    /** The slugs of the live datasets whose record says {@code organisation}. */
    private List<String> slugs(Graph g, String organisation) {
        Node org = NodeFactory.createLiteralString(organisation);
        String prefix = iris.dataset("").getURI();
        List<String> out = new ArrayList<>();
        for (Node rec : liveRecords(g)) {
            if (!g.contains(rec, iris.term("organisation"), org)) continue;
            g.find(rec, FOAF.primaryTopic.asNode(), Node.ANY).forEachRemaining(t -> {
                Node ds = t.getObject();
                if (ds.isURI() && ds.getURI().startsWith(prefix) && g.contains(iris.catalog(), DCAT.dataset.asNode(), ds)) {
                    out.add(ds.getURI().substring(prefix.length()));
                }
            });
        }
        out.sort(null);
        return out;
    }

    /** The records the catalog lists that are not withdrawn. */
    private List<Node> liveRecords(Graph g) {
        List<Node> out = new ArrayList<>();
        g.find(iris.catalog(), DCAT.record.asNode(), Node.ANY).forEachRemaining(t -> {
            if (!g.contains(t.getObject(), WithdrawnRecord.STATUS, WithdrawnRecord.DELETED)) out.add(t.getObject());
        });
        return out;
    }

    private Long number(Graph g, Node s, String term) {
        String v = first(g, s, iris.term(term));
        try {
            return v == null ? null : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String first(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        try {
            while (it.hasNext()) {
                Node o = it.next().getObject();
                if (o.isLiteral()) return o.getLiteralLexicalForm();
            }
            return null;
        } finally {
            it.close();
        }
    }

    /** The literal in {@code lang}, else one without language, else any, else {@code fallback}. */
    private static String text(Graph g, Node s, Node p, String lang, String fallback) {
        String plain = null;
        String any = null;
        for (Triple t : g.find(s, p, Node.ANY).toList()) {
            Node o = t.getObject();
            if (!o.isLiteral()) continue;
            String l = o.getLiteralLanguage();
            if (lang.equalsIgnoreCase(l)) return o.getLiteralLexicalForm();
            if (l.isEmpty() && plain == null) plain = o.getLiteralLexicalForm();
            if (any == null) any = o.getLiteralLexicalForm();
        }
        return plain != null ? plain : any != null ? any : fallback;
    }
}
