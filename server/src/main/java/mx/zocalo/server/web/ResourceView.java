package mx.zocalo.server.web;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mx.zocalo.server.catalog.PortalIris;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VCARD4;

/**
 * What a person reads on a resource page, built in one read transaction: labels in the reader's language
 * (falling back to Spanish, then any language, then the IRI's local name), properties named by their labels,
 * numbers and dates formatted for the language with the raw value kept, blank nodes expanded inline, long
 * value lists cut with a link to the rest, incoming links counted per property and paged, and the datasets
 * (named graphs) the description comes from.
 */
final class ResourceView {
    static final int VALUES_PER_PROPERTY = 50;
    static final int INCOMING_PER_PAGE = 50;
    private static final int INCOMING_SCAN_LIMIT = 200_000;
    private static final int BNODE_DEPTH = 4;
    static final List<Node> LABELS = List.of(RDFS.label.asNode(), SKOS.prefLabel.asNode(), DCTerms.title.asNode(),
            NodeFactory.createURI("http://schema.org/name"), NodeFactory.createURI("https://schema.org/name"),
            FOAF.name.asNode(), VCARD4.fn.asNode());
    private static final Set<String> NUMERIC = Set.of(XSDDatatype.XSDdecimal.getURI(), XSDDatatype.XSDinteger.getURI(),
            XSDDatatype.XSDint.getURI(), XSDDatatype.XSDlong.getURI(), XSDDatatype.XSDshort.getURI(),
            XSDDatatype.XSDdouble.getURI(), XSDDatatype.XSDfloat.getURI(), XSDDatatype.XSDnonNegativeInteger.getURI(),
            XSDDatatype.XSDpositiveInteger.getURI(), XSDDatatype.XSDnegativeInteger.getURI(),
            XSDDatatype.XSDnonPositiveInteger.getURI(), XSDDatatype.XSDunsignedInt.getURI(), XSDDatatype.XSDunsignedLong.getURI());

    /** A link to an IRI shown by its label; {@code iri} is the full IRI (for a tooltip). */
    record Link(String href, String label, String iri) {}

    /** One value: a link, or text (with {@code raw} the lexical form when it was formatted), or a nested blank node. */
    /** Literals longer than this (a municipality's boundary as WKT: 100,000 characters) show their start only. */
    static final int LONG_TEXT = 2_000;
    static final int SHOWN_TEXT = 300;

    record Value(Link link, String text, String raw, String kind, String note, List<Property> nested) {}

    /**
     * A property and a page of its values: {@code from} is the position of the first one shown (1-based),
     * {@code previous}/{@code next} link to the neighbouring pages of this property's values (null at either end),
     * and {@code more} to a SPARQL query listing all of them, when there are more than fit on a page.
     */
    record Property(Link predicate, List<Value> values, int total, String more, int from, String previous, String next) {
        /** The id of the property's entry on the page, which the paging links point to. */
        public String anchor() {
            return anchor(predicate.iri());
        }

        static String anchor(String predicate) {
            return "values-" + Integer.toHexString(predicate.hashCode());
        }

        /** The position of the last value shown. */
        public int to() {
            return from + values.size() - 1;
        }
    }

    /** Which property's values to page, and the page (1-based); {@link #NONE} shows the first page of every one. */
    record ValuesPage(String predicate, int page) {
        static final ValuesPage NONE = new ValuesPage(null, 1);
    }

    /** A resource described on the page besides the main one (its {@code #fragment} or {@code /child}). */
    record Section(Link subject, List<Property> properties) {}

    record IncomingGroup(Link predicate, long count) {}

    record IncomingLink(Link subject, Link predicate) {}

    record Incoming(List<IncomingGroup> groups, List<IncomingLink> links, long total, int page, int pages, boolean truncated) {}

    record Page(String iri, String label, List<Link> types, List<Property> properties, List<Section> sections,
                List<Link> datasets, Incoming incoming) {}

    private final DatasetGraph dsg;
    private final PortalIris iris;
    private final PrefixMapping prefixes;
    private final String lang;
    private final Locale locale;
    private final Map<String, String> msg;
    private final Map<Node, String> labelCache = new HashMap<>();

    private final ValuesPage valuesPage;

    private ResourceView(DatasetGraph dsg, PortalIris iris, PrefixMapping prefixes, String lang, Map<String, String> msg,
                         ValuesPage valuesPage) {
        this.dsg = dsg;
        this.iris = iris;
        this.prefixes = prefixes;
        this.lang = lang;
        this.locale = LocaleFilters.locale(lang);
        this.msg = msg;
        this.valuesPage = valuesPage;
    }

    /**
     * The page of {@code iri}, with the values of {@code valuesPage}'s property from its page (the others from their
     * first); {@code null} when the store says nothing about it. Call inside a read transaction.
     */
    static Page build(DatasetGraph dsg, PortalIris iris, PrefixMapping prefixes, String iri, String lang,
                      Map<String, String> msg, int incomingPage, ValuesPage valuesPage) {
        return new ResourceView(dsg, iris, prefixes, lang, msg, valuesPage).page(iri, Math.max(1, incomingPage));
    }

    private Page page(String iri, int incomingPage) {
        Node s = NodeFactory.createURI(iri);
        Set<Node> graphs = new LinkedHashSet<>();
        List<Triple> own = triples(s, graphs);
        boolean vocabulary = iris.localPath(iri) != null && iris.localPath(iri).startsWith("/def/");
        List<Node> children = new ArrayList<>();
        for (Triple t : own) {
            Node o = t.getObject();
            if (o.isURI() && (o.getURI().startsWith(iri + "#") || o.getURI().startsWith(iri + "/")) && !children.contains(o)) {
                children.add(o);
            }
        }
        if (vocabulary) {
            dsg.find(iris.vocabularyGraph(), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                Node subj = q.getSubject();
                if (subj.isURI() && subj.getURI().startsWith(iri + "#") && !children.contains(subj)) children.add(subj);
            });
        }
        List<Section> sections = new ArrayList<>();
        for (Node c : children) {
            List<Triple> ts = triples(c, vocabulary ? new HashSet<>() : graphs);
            if (!ts.isEmpty()) sections.add(new Section(link(c), properties(c, ts, 0)));
        }
        if (own.isEmpty() && sections.isEmpty()) return null;
        List<Link> types = new ArrayList<>();
        for (Triple t : own) if (t.getPredicate().equals(RDF.type.asNode()) && t.getObject().isURI()) types.add(link(t.getObject()));
        List<Link> datasets = new ArrayList<>();
        for (Node g : graphs) {
            Link d = datasetLink(g);
            if (d != null && !datasets.contains(d)) datasets.add(d);
        }
        String label = labelOf(s, own);
        return new Page(iri, label, types, properties(s, own, 0), sections, datasets, incoming(s, incomingPage));
    }

    /** The distinct triples with subject {@code s} in any graph, noting the graphs they come from. */
    private List<Triple> triples(Node s, Set<Node> graphs) {
        Set<Triple> seen = new LinkedHashSet<>();
        var it = dsg.find(Node.ANY, s, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            seen.add(q.asTriple());
            graphs.add(q.getGraph());
        }
        return new ArrayList<>(seen);
    }

    /** Over a remote store, fetches the labels of the predicates and linked resources of {@code ts} in one request. */
    private void prefetchLabels(java.util.Collection<Triple> ts, boolean subjects) {
        if (!(dsg instanceof mx.zocalo.server.store.LabelPrefetch remote)) return;
        Set<Node> nodes = new java.util.LinkedHashSet<>();
        for (Triple t : ts) {
            nodes.add(t.getPredicate());
            if (t.getObject().isURI()) nodes.add(t.getObject());
            if (subjects && t.getSubject().isURI()) nodes.add(t.getSubject());
        }
        nodes.removeIf(n -> !n.isURI() || labelCache.containsKey(n));
        if (!nodes.isEmpty()) remote.prefetch(nodes, LABELS);
    }

    private List<Property> properties(Node s, List<Triple> ts, int depth) {
        prefetchLabels(ts, false);
        Map<Node, List<Node>> byPredicate = new LinkedHashMap<>();
        for (Triple t : ts) byPredicate.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getObject());
        List<Property> out = new ArrayList<>();
        for (var e : byPredicate.entrySet()) {
            List<Node> objects = e.getValue();
            objects.sort(Comparator.comparing(this::sortKey));
            int pages = Math.max(1, (objects.size() + VALUES_PER_PROPERTY - 1) / VALUES_PER_PROPERTY);
            boolean paged = depth == 0 && s.isURI() && pages > 1 && e.getKey().getURI().equals(valuesPage.predicate());
            int page = paged ? Math.min(Math.max(1, valuesPage.page()), pages) : 1;
            int from = (page - 1) * VALUES_PER_PROPERTY;
            List<Value> values = new ArrayList<>();
            for (Node o : objects.subList(from, Math.min(objects.size(), from + VALUES_PER_PROPERTY))) values.add(value(o, depth));
            String more = null;
            String previous = null;
            String next = null;
            if (pages > 1 && s.isURI()) {
                String q = "SELECT ?value WHERE { <" + s.getURI() + "> <" + e.getKey().getURI() + "> ?value }";
                more = "/sparql?query=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8);
                if (depth == 0) {
                    String link = "?values=" + java.net.URLEncoder.encode(e.getKey().getURI(), StandardCharsets.UTF_8) + "&values_page=";
                    String anchor = "#" + Property.anchor(e.getKey().getURI());
                    if (page > 1) previous = link + (page - 1) + anchor;
                    if (page < pages) next = link + (page + 1) + anchor;
                }
            }
            out.add(new Property(link(e.getKey()), values, objects.size(), more, from + 1, previous, next));
        }
        out.sort(Comparator.comparing((Property p) -> rank(p.predicate().iri())).thenComparing(p -> p.predicate().label().toLowerCase(locale)));
        return out;
    }

    private static int rank(String predicate) {
        if (predicate.equals(RDF.type.getURI())) return 0;
        for (Node l : LABELS) if (l.getURI().equals(predicate)) return 1;
        return 2;
    }

    private String sortKey(Node o) {
        if (o.isURI()) return "1" + label(o);
        if (o.isLiteral()) return "0" + o.getLiteralLexicalForm();
        return "2";
    }

    private Value value(Node o, int depth) {
        if (o.isURI()) return new Value(link(o), null, null, "link", null, null);
        if (o.isBlank()) {
            List<Property> nested = depth < BNODE_DEPTH ? properties(o, triples(o, new HashSet<>()), depth + 1) : List.of();
            return new Value(null, null, null, "blank", null, nested);
        }
        String lex = o.getLiteralLexicalForm();
        String dt = o.getLiteralDatatypeURI();
        String langTag = o.getLiteralLanguage();
        if (langTag != null && !langTag.isEmpty()) return new Value(null, lex, null, "lang", langTag, null);
        try {
            if (NUMERIC.contains(dt)) {
                NumberFormat nf = NumberFormat.getNumberInstance(locale);
                nf.setMaximumFractionDigits(10);
                return new Value(null, nf.format(new BigDecimal(lex.trim())), lex, "number", null, null);
            }
            if (XSDDatatype.XSDdate.getURI().equals(dt)) {
                String text = LocalDate.parse(lex.trim()).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
                return new Value(null, text, lex, "date", null, null);
            }
            if (XSDDatatype.XSDdateTime.getURI().equals(dt)) {
                String t = lex.trim();
                LocalDateTime ldt = t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? OffsetDateTime.parse(t).toLocalDateTime() : LocalDateTime.parse(t);
                String text = ldt.toLocalDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale))
                        + ", " + ldt.toLocalTime().format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale));
                return new Value(null, text, lex, "date", null, null);
            }
            if (XSDDatatype.XSDboolean.getURI().equals(dt)) {
                boolean b = lex.trim().equals("true") || lex.trim().equals("1");
                return new Value(null, msg.getOrDefault(b ? "resource.true" : "resource.false", lex), lex, "text", null, null);
            }
        } catch (RuntimeException e) {
            // an ill-formed literal shows as written
        }
        String note = dt == null || dt.equals(XSDDatatype.XSDstring.getURI()) ? null : prefixes.shortForm(dt);
        if (lex.length() > LONG_TEXT) { // a boundary as WKT: its start, and where the whole of it is
            NumberFormat nf = NumberFormat.getIntegerInstance(locale);
            String cut = msg.getOrDefault("resource.truncated", "first {shown} of {total} characters")
                    .replace("{shown}", nf.format(SHOWN_TEXT)).replace("{total}", nf.format(lex.length()));
            return new Value(null, lex.substring(0, lex.offsetByCodePoints(0, SHOWN_TEXT)) + " …", null, "text", note == null ? cut : note + " · " + cut, null);
        }
        return new Value(null, lex, null, "text", note, null);
    }

    private Link link(Node n) {
        String iri = n.getURI();
        String local = iris.localPath(iri);
        return new Link(local != null ? local : iri, label(n), iri);
    }

    /** The named graph of a dataset links to its dataset page, the catalog graph to the catalog. */
    private Link datasetLink(Node g) {
        if (!g.isURI()) return null;
        if (g.equals(iris.catalogGraph())) return new Link("/catalog", msg.getOrDefault("resource.catalogGraph", "catalog"), g.getURI());
        if (g.equals(iris.vocabularyGraph())) return new Link("/def/zocalo", msg.getOrDefault("resource.vocabularyGraph", "vocabularies"), g.getURI());
        String local = iris.localPath(g.getURI());
        if (local == null || !local.startsWith("/graph/")) return null;
        String slug = local.substring("/graph/".length());
        Node dataset = iris.dataset(slug);
        String title = best(dataset, triplesIn(iris.catalogGraph(), dataset));
        return new Link("/dataset/" + slug, title != null ? title : slug, g.getURI());
    }

    private List<Triple> triplesIn(Node graph, Node s) {
        List<Triple> out = new ArrayList<>();
        for (Node p : LABELS) dsg.find(graph, s, p, Node.ANY).forEachRemaining(q -> out.add(q.asTriple()));
        return out;
    }

    private Incoming incoming(Node o, int page) {
        Map<Node, Long> counts = new LinkedHashMap<>();
        List<Triple> links = new ArrayList<>();
        Set<Triple> seen = new HashSet<>();
        int from = (page - 1) * INCOMING_PER_PAGE;
        long total = 0;
        boolean truncated = false;
        var it = dsg.find(Node.ANY, Node.ANY, Node.ANY, o);
        while (it.hasNext()) {
            Triple t = it.next().asTriple();
            if (!seen.add(t)) continue;
            if (seen.size() > INCOMING_SCAN_LIMIT) {
                truncated = true;
                break;
            }
            counts.merge(t.getPredicate(), 1L, Long::sum);
            if (total >= from && links.size() < INCOMING_PER_PAGE) links.add(t);
            total++;
        }
        List<Triple> toLabel = new ArrayList<>(links);
        counts.keySet().forEach(p -> toLabel.add(Triple.create(o, p, o)));
        prefetchLabels(toLabel, true);
        List<IncomingGroup> groups = new ArrayList<>();
        counts.forEach((p, n) -> groups.add(new IncomingGroup(link(p), n)));
        groups.sort(Comparator.comparing((IncomingGroup g) -> -g.count()).thenComparing(g -> g.predicate().label()));
        List<IncomingLink> shown = new ArrayList<>();
        for (Triple t : links) {
            Node subj = t.getSubject();
            Link sl = subj.isURI() ? link(subj) : new Link(null, msg.getOrDefault("resource.blankNode", "[ ]"), null);
            shown.add(new IncomingLink(sl, link(t.getPredicate())));
        }
        int pages = (int) Math.max(1, (total + INCOMING_PER_PAGE - 1) / INCOMING_PER_PAGE);
        return new Incoming(groups, shown, total, page, pages, truncated);
    }

    /** The label of any IRI: from every graph (the vocabularies included), else the messages, else its local name. */
    String label(Node n) {
        return labelCache.computeIfAbsent(n, k -> {
            List<Triple> ts = new ArrayList<>();
            for (Node p : LABELS) dsg.find(Node.ANY, k, p, Node.ANY).forEachRemaining(q -> ts.add(q.asTriple()));
            String l = best(k, ts);
            if (l != null) return l;
            String key = "term." + prefixes.shortForm(k.getURI()).replace(':', '.');
            String m = msg.get(key);
            return m != null ? m : localName(k.getURI());
        });
    }

    private String labelOf(Node s, List<Triple> own) {
        String l = best(s, own);
        return l != null ? l : localName(s.getURI());
    }

    /** The reader's language first, then Spanish, then any; properties in the order of {@link #LABELS}. */
    private String best(Node s, List<Triple> ts) {
        String es = null, any = null;
        for (Node p : LABELS) {
            for (Triple t : ts) {
                if (!t.getSubject().equals(s) || !t.getPredicate().equals(p) || !t.getObject().isLiteral()) continue;
                String tag = t.getObject().getLiteralLanguage().toLowerCase(Locale.ROOT);
                String text = t.getObject().getLiteralLexicalForm();
                if (tag.equals(lang) || tag.startsWith(lang + "-")) return text;
                if (es == null && (tag.equals("es") || tag.startsWith("es-"))) es = text;
                if (any == null) any = text;
            }
        }
        return es != null ? es : any;
    }

    static String localName(String iri) {
        String s = iri;
        while (s.endsWith("/") || s.endsWith("#")) s = s.substring(0, s.length() - 1);
        int cut = Math.max(s.lastIndexOf('#'), s.lastIndexOf('/'));
        String local = cut >= 0 && cut < s.length() - 1 ? s.substring(cut + 1) : iri;
        try {
            return URLDecoder.decode(local.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return local;
        }
    }
}
