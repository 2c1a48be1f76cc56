package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mx.zocalo.server.catalog.PortalIris;
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

/**
 * The catalog in pages, for harvesters: datasets in a stable order (by IRI), {@code pageSize} per page, each page
 * with the catalog's own description, its datasets with everything they point to (records, distributions,
 * agents, themes...), and a Hydra {@code PartialCollectionView} (first, previous, next, last, total items). Filters:
 * {@code q} (words in the title, description or keywords; accents and case ignored) and {@code modified_since}
 * (a date or date-time: datasets modified then or later). Page links are absolute: from {@code X-Forwarded-Proto},
 * {@code X-Forwarded-Host} and {@code X-Forwarded-Prefix} when a reverse proxy sends them, else from the base IRI.
 */
final class CatalogPages {
    static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;
    private static final Node TYPE = RDF.type.asNode();

    /** What a request asks for. */
    record Request(int page, int pageSize, String q, String modifiedSince, OffsetDateTime since) {
        static Request of(Context ctx) {
            int page = number(ctx, "page", 1);
            int size = number(ctx, "pageSize", DEFAULT_PAGE_SIZE);
            if (page < 1) {
                throw new LocalizedBadRequest("error.param.min", Map.of("name", "page", "min", "1", "value", String.valueOf(page)),
                        "page must be 1 or more, not " + page);
            }
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw new LocalizedBadRequest("error.param.range", Map.of("name", "pageSize", "min", "1",
                        "max", String.valueOf(MAX_PAGE_SIZE), "value", String.valueOf(size)),
                        "pageSize must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
            }
            String q = blankToNull(ctx.queryParam("q"));
            String since = blankToNull(ctx.queryParam("modified_since"));
            return new Request(page, size, q, since, since == null ? null : instant(since));
        }

        private static int number(Context ctx, String name, int fallback) {
            String v = ctx.queryParam(name);
            if (v == null || v.isBlank()) return fallback;
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new LocalizedBadRequest("error.param.number", Map.of("name", name, "value", v),
                        name + " must be a whole number, not '" + v + "'");
            }
        }

        private static OffsetDateTime instant(String v) {
            try {
                return v.length() <= 10 ? LocalDate.parse(v).atStartOfDay().atOffset(java.time.ZoneOffset.UTC) : OffsetDateTime.parse(v);
            } catch (DateTimeParseException e) {
                throw new LocalizedBadRequest("error.param.date", Map.of("name", "modified_since", "value", v),
                        "modified_since must be a date (2024-06-01) or a date-time (2024-06-01T12:00:00Z), not '" + v + "'");
            }
        }
    }

    /** One page: its graph, the datasets on it (in order), where it is, and the links for people. */
    record Page(Graph graph, List<Node> datasets, int page, int pages, long total, Map<String, String> links) {}

    private CatalogPages() {}

    static Page page(Graph catalog, PortalIris iris, Request r, String pageBase) {
        List<Node> all = datasets(catalog, r);
        long total = all.size();
        int pages = (int) Math.max(1, (total + r.pageSize() - 1) / r.pageSize());
        int from = (int) Math.min(total, (long) (r.page() - 1) * r.pageSize());
        List<Node> onPage = all.subList(from, (int) Math.min(total, from + (long) r.pageSize()));

        Set<Node> everyDataset = new HashSet<>();
        catalog.find(Node.ANY, TYPE, DCAT.Dataset.asNode()).forEachRemaining(t -> {
            // a version of a dataset is described with its dataset, not listed on its own
            if (!isVersion(catalog, t.getSubject())) everyDataset.add(t.getSubject());
        });
        Set<Node> excluded = new HashSet<>(everyDataset);
        onPage.forEach(excluded::remove);
        Set<Node> roots = new HashSet<>(onPage);
        catalog.find(Node.ANY, FOAF.primaryTopic.asNode(), Node.ANY).forEachRemaining(t -> {
            if (onPage.contains(t.getObject())) roots.add(t.getSubject());
            else if (everyDataset.contains(t.getObject())) excluded.add(t.getSubject());
        });

        Graph g = GraphFactory.createDefaultGraph();
        Deque<Node> todo = new ArrayDeque<>();
        Set<Node> seen = new HashSet<>();
        todo.add(iris.catalog());
        todo.addAll(roots);
        while (!todo.isEmpty()) {
            Node n = todo.poll();
            if (!seen.add(n)) continue;
            catalog.find(n, Node.ANY, Node.ANY).forEachRemaining(t -> {
                Node o = t.getObject();
                if (excluded.contains(o)) return;
                g.add(t);
                if ((o.isURI() || o.isBlank()) && !seen.contains(o) && !t.getPredicate().equals(TYPE)) todo.add(o);
            });
        }

        Map<String, String> links = new LinkedHashMap<>();
        Node view = NodeFactory.createURI(url(pageBase, r, r.page()));
        Node collection = iris.catalog();
        g.add(Triple.create(collection, TYPE, NodeFactory.createURI(HYDRA + "Collection")));
        g.add(Triple.create(collection, NodeFactory.createURI(HYDRA + "totalItems"),
                NodeFactory.createLiteralDT(Long.toString(total), XSDDatatype.XSDnonNegativeInteger)));
        g.add(Triple.create(collection, NodeFactory.createURI(HYDRA + "view"), view));
        g.add(Triple.create(view, TYPE, NodeFactory.createURI(HYDRA + "PartialCollectionView")));
        link(g, links, view, "first", url(pageBase, r, 1));
        if (r.page() > 1) link(g, links, view, "previous", url(pageBase, r, Math.min(r.page() - 1, pages)));
        if (r.page() < pages) link(g, links, view, "next", url(pageBase, r, r.page() + 1));
        link(g, links, view, "last", url(pageBase, r, pages));
        return new Page(g, onPage, r.page(), pages, total, links);
    }

    private static void link(Graph g, Map<String, String> links, Node view, String rel, String url) {
        g.add(Triple.create(view, NodeFactory.createURI(HYDRA + rel), NodeFactory.createURI(url)));
        links.put(rel, url);
    }

    /** The datasets the request selects, by IRI. */
    static List<Node> datasets(Graph catalog, Request r) {
        List<Node> out = new ArrayList<>();
        String[] words = r.q() == null ? new String[0] : fold(r.q()).split("\\s+");
        catalog.find(Node.ANY, TYPE, DCAT.Dataset.asNode()).forEachRemaining(t -> {
            Node d = t.getSubject();
            if (isVersion(catalog, d)) return;
            if (r.since() != null && !modifiedSince(catalog, d, r.since())) return;
            if (words.length > 0) {
                StringBuilder text = new StringBuilder();
                for (Node p : List.of(DCTerms.title.asNode(), DCTerms.description.asNode(), DCAT.keyword.asNode())) {
                    catalog.find(d, p, Node.ANY).forEachRemaining(x -> {
                        if (x.getObject().isLiteral()) text.append(' ').append(x.getObject().getLiteralLexicalForm());
                    });
                }
                String folded = fold(text.toString());
                for (String w : words) {
                    if (!w.isEmpty() && !folded.contains(w)) return;
                }
            }
            out.add(d);
        });
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    /** A version of a dataset ({@code dct:isVersionOf}): described under its dataset, not listed on its own. */
    static boolean isVersion(Graph catalog, Node d) {
        return catalog.contains(d, DCTerms.isVersionOf.asNode(), Node.ANY);
    }

    /** Modified at or after {@code since}: the dataset's dct:modified, or its record's. */
    private static boolean modifiedSince(Graph catalog, Node d, OffsetDateTime since) {
        List<Node> dates = new ArrayList<>();
        catalog.find(d, DCTerms.modified.asNode(), Node.ANY).forEachRemaining(t -> dates.add(t.getObject()));
        catalog.find(Node.ANY, FOAF.primaryTopic.asNode(), d).forEachRemaining(rec ->
                catalog.find(rec.getSubject(), DCTerms.modified.asNode(), Node.ANY).forEachRemaining(t -> dates.add(t.getObject())));
        for (Node n : dates) {
            if (!n.isLiteral()) continue;
            String v = n.getLiteralLexicalForm();
            try {
                OffsetDateTime when = v.length() <= 10 ? LocalDate.parse(v).atStartOfDay().atOffset(java.time.ZoneOffset.UTC)
                        : OffsetDateTime.parse(v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$") ? v : v + "Z");
                if (!when.isBefore(since)) return true;
            } catch (DateTimeParseException e) {
                // an unreadable date does not count
            }
        }
        return false;
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    /** Where the catalog is for the client: behind a proxy, from X-Forwarded-*; else the base IRI. */
    static String pageBase(Context ctx, PortalIris iris) {
        String host = first(ctx.header("X-Forwarded-Host"));
        if (host == null) return iris.base() + "catalog";
        String proto = first(ctx.header("X-Forwarded-Proto"));
        String prefix = first(ctx.header("X-Forwarded-Prefix"));
        if (prefix == null) prefix = "";
        if (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        if (!prefix.isEmpty() && !prefix.startsWith("/")) prefix = "/" + prefix;
        return (proto == null ? "http" : proto) + "://" + host + prefix + "/catalog";
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) return null;
        return header.split(",")[0].strip();
    }

    private static String url(String base, Request r, int page) {
        StringBuilder u = new StringBuilder(base).append("?page=").append(page);
        if (r.pageSize() != DEFAULT_PAGE_SIZE) u.append("&pageSize=").append(r.pageSize());
        if (r.q() != null) u.append("&q=").append(URLEncoder.encode(r.q(), StandardCharsets.UTF_8));
        if (r.modifiedSince() != null) u.append("&modified_since=").append(URLEncoder.encode(r.modifiedSince(), StandardCharsets.UTF_8));
        return u.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
