package mx.zocalo.server.catalog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * What the catalog keeps of a dataset that was unpublished, as DCAT-AP asks of deleted datasets: the
 * {@code dcat:CatalogRecord} stays, listed by the catalog, with the change type {@code adms:status
 * <http://purl.org/adms/changetype/deleted>} (the ADMS change type vocabulary DCAT-AP names for "change type" of a
 * catalogue record) and {@code dct:modified} the time of the withdrawal; the record's primary topic keeps its type,
 * identifier, title, description, publisher, issue date, keywords and themes, with {@code adms:status <http://purl.org/adms/status/Withdrawn>}. The catalog no
 * longer lists the dataset ({@code dcat:dataset}), so a harvester that reads the records learns it was deleted and one
 * that reads only the datasets no longer sees it.
 */
public final class WithdrawnRecord {
    public static final Node DELETED = NodeFactory.createURI("http://purl.org/adms/changetype/deleted");
    public static final Node WITHDRAWN = NodeFactory.createURI("http://purl.org/adms/status/Withdrawn");
    static final Node STATUS = NodeFactory.createURI(CatalogRecord.ADMS + "status");
    private static final Node TYPE = RDF.type.asNode();

    /** A withdrawn dataset: its slug, its title in the asked language (or any), and when it was withdrawn. */
    public record Withdrawal(String slug, String title, Instant when) {}

    private WithdrawnRecord() {}

    /** What the withdrawn dataset keeps of its description: what a harvester needs to recognise it. */
    public static final List<Node> KEPT = List.of(DCTerms.title.asNode(), DCTerms.description.asNode(),
            DCTerms.publisher.asNode(), DCTerms.issued.asNode(), DCAT.keyword.asNode(), DCAT.theme.asNode());

    /**
     * The triples of the withdrawn record of {@code slug}, with {@code kept}: the dataset's own triples of the
     * {@link #KEPT} properties, as they were, and the record's {@code zoc:organisation} (the owner's page lists the
     * withdrawal).
     */
    public static List<Triple> build(PortalIris iris, String slug, List<Triple> kept, Instant when) {
        List<Triple> t = new ArrayList<>();
        Node ds = iris.dataset(slug);
        Node rec = iris.record(slug);
        t.add(Triple.create(iris.catalog(), DCAT.record.asNode(), rec));
        t.add(Triple.create(rec, TYPE, DCAT.CatalogRecord.asNode()));
        t.add(Triple.create(rec, FOAF.primaryTopic.asNode(), ds));
        t.add(Triple.create(rec, DCTerms.modified.asNode(), NodeFactory.createLiteralDT(when.toString(), XSDDatatype.XSDdateTime)));
        t.add(Triple.create(rec, STATUS, DELETED));
        concept(t, DELETED, "Eliminado", "Deleted");
        t.add(Triple.create(ds, TYPE, DCAT.Dataset.asNode()));
        t.add(Triple.create(ds, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(slug)));
        for (Triple k : kept) {
            if (k.getSubject().equals(ds) && KEPT.contains(k.getPredicate())) t.add(k);
            if (k.getSubject().equals(rec) && k.getPredicate().equals(iris.term("organisation"))) t.add(k); // the owner, for its page
        }
        t.add(Triple.create(ds, STATUS, WITHDRAWN));
        concept(t, WITHDRAWN, "Retirado", "Withdrawn");
        return t;
    }

    private static void concept(List<Triple> t, Node c, String es, String en) {
        Node prefLabel = NodeFactory.createURI(CatalogRecord.SKOS + "prefLabel");
        t.add(Triple.create(c, TYPE, NodeFactory.createURI(CatalogRecord.SKOS + "Concept")));
        t.add(Triple.create(c, prefLabel, NodeFactory.createLiteralLang(es, "es")));
        t.add(Triple.create(c, prefLabel, NodeFactory.createLiteralLang(en, "en")));
    }

    /** The withdrawal of {@code slug} if its record in {@code catalog} says it was deleted; the title in {@code lang}. */
    public static Optional<Withdrawal> of(Graph catalog, PortalIris iris, String slug, String lang) {
        Node rec = iris.record(slug);
        if (!catalog.contains(rec, STATUS, DELETED)) return Optional.empty();
        Instant when = null;
        var m = catalog.find(rec, DCTerms.modified.asNode(), Node.ANY);
        if (m.hasNext()) {
            try {
                when = Instant.parse(m.next().getObject().getLiteralLexicalForm());
            } catch (DateTimeParseException | UnsupportedOperationException e) {
                // no readable date: the page says only that it was withdrawn
            }
        }
        m.close();
        String title = null;
        for (Triple t : catalog.find(iris.dataset(slug), DCTerms.title.asNode(), Node.ANY).toList()) {
            if (!t.getObject().isLiteral()) continue;
            if (lang.equals(t.getObject().getLiteralLanguage()) || title == null) title = t.getObject().getLiteralLexicalForm();
        }
        return Optional.of(new Withdrawal(slug, title != null ? title : slug, when));
    }

    /** The slugs of the portal's withdrawn datasets, in order. */
    public static List<String> slugs(Graph catalog, PortalIris iris) {
        String prefix = iris.dataset("").getURI();
        List<String> out = new ArrayList<>();
        catalog.find(Node.ANY, STATUS, DELETED).forEachRemaining(t -> {
            Node rec = t.getSubject();
            if (!rec.isURI() || !rec.getURI().startsWith(prefix) || !rec.getURI().endsWith("/record")) return;
            String slug = rec.getURI().substring(prefix.length(), rec.getURI().length() - "/record".length());
            if (!slug.contains("/")) out.add(slug);
        });
        out.sort(null);
        return out;
    }

    /** The description a client gets for a withdrawn dataset: the record, the dataset as kept, and the status concepts. */
    public static Graph description(Graph catalog, PortalIris iris, String slug) {
        Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        for (Node s : List.of(iris.record(slug), iris.dataset(slug), DELETED, WITHDRAWN)) {
            catalog.find(s, Node.ANY, Node.ANY).forEachRemaining(g::add);
        }
        return g;
    }
}
