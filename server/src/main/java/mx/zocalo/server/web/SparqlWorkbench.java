package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * The SPARQL workbench at {@code /sparql} for browsers: a plain form that works without JavaScript (the server runs
 * the query and shows an HTML table), enhanced with YASGUI (served from {@code /static/}) when scripts run; the
 * prefixes the published data uses; example queries for each dataset, made from its VoID class and property
 * partitions in the catalog graph.
 */
final class SparqlWorkbench {
    static final String VOID = "http://rdfs.org/ns/void#";
    private static final Node CLASS_PARTITION = NodeFactory.createURI(VOID + "classPartition");
    private static final Node PROPERTY_PARTITION = NodeFactory.createURI(VOID + "propertyPartition");
    private static final Node VOID_CLASS = NodeFactory.createURI(VOID + "class");
    private static final Node VOID_PROPERTY = NodeFactory.createURI(VOID + "property");
    private static final Node VOID_ENTITIES = NodeFactory.createURI(VOID + "entities");
    private static final Node VOID_TRIPLES = NodeFactory.createURI(VOID + "triples");
    private static final int TABLE_PROPERTIES = 6;
    private static final java.time.Duration USED_BY_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** Well-known vocabularies, by namespace. */
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("http://www.w3.org/2002/07/owl#", "owl"),
            Map.entry("http://schema.org/", "schema"),
            Map.entry("https://schema.org/", "schema"),
            Map.entry("http://www.w3.org/ns/org#", "org"),
            Map.entry("http://www.w3.org/2003/01/geo/wgs84_pos#", "geo"),
            Map.entry("http://www.opengis.net/ont/geosparql#", "geosparql"),
            Map.entry("http://www.w3.org/2006/time#", "time"),
            Map.entry("http://www.w3.org/ns/prov#", "prov"),
            Map.entry("http://purl.org/linked-data/cube#", "qb"),
            Map.entry(VOID, "void"),
            Map.entry("http://www.w3.org/ns/locn#", "locn"),
            Map.entry("http://purl.org/dc/elements/1.1/", "dc"),
            Map.entry("http://www.w3.org/ns/adms#", "adms"),
            Map.entry("http://purl.org/goodrelations/v1#", "gr"),
            Map.entry("http://www.w3.org/ns/sparql-service-description#", "sd"));

    record Cell(String text, String href, String note) {}
    record Example(String title, String query, String link) {}
    record DatasetExamples(String slug, String title, List<Example> examples) {}
    record Prefix(String prefix, String namespace) {}

    private final Store store;
    private final PortalIris iris;
    private final Templates templates;
    private final CatalogService catalog;
    private final RdfResponses rdf;
    private final SparqlLimits limits;
    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<String> version;
    /** Prefixes and examples by page language, made once per version of the data. */
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    private record Prepared(String version, PrefixMapping prefixes, List<DatasetExamples> examples) {}

    /** {@code version}: a token that changes with the data ({@link PageCache#version()}), to know when to make the examples again. */
    SparqlWorkbench(Store store, PortalIris iris, Templates templates, CatalogService catalog, RdfResponses rdf, SparqlLimits limits,
            Supplier<String> version) {
        this.store = store;
        this.version = version;
        this.iris = iris;
        this.templates = templates;
        this.catalog = catalog;
        this.rdf = rdf;
        this.limits = limits;
    }

    /**
     * The page: the editor with {@code query} (or a first query), and the outcome or the error when there is one (its
     * message, and the query's line with a caret under the place when it has one).
     */
    void page(Context ctx, String query, SparqlService.Outcome outcome, ErrorResponses.Problem error) {
        String lang = PageLanguage.of(ctx);
        Map<String, String> msg = templates.messages(lang);
        Map<String, Object> model = Pages.base(ctx, lang);
        String now = version.get();
        Prepared ready = prepared.get(lang);
        if (ready == null || !ready.version().equals(now)) {
            PrefixMapping made = PrefixMapping.Factory.create().setNsPrefixes(store.read(this::prefixes)).lock();
            ready = new Prepared(now, made, List.copyOf(store.read(dsg -> examples(dsg, made, lang, msg))));
            prepared.put(lang, ready);
        }
        PrefixMapping pm = ready.prefixes();
        List<DatasetExamples> examples = ready.examples();
        String text = query != null ? query : defaultQuery(pm);
        model.put("query", text);
        model.put("prefixes", pm.getNsPrefixMap().entrySet().stream()
                .map(e -> new Prefix(e.getKey(), e.getValue())).sorted(Comparator.comparing(Prefix::prefix)).toList());
        model.put("examples", examples);
        model.put("general", general(pm, msg));
        model.put("timeoutSeconds", limits.timeoutSeconds());
        model.put("maxRows", limits.maxRows());
        if (error != null) {
            model.put("error", error.message());
            if (error.excerpt() != null) model.put("errorExcerpt", error.excerpt());
        }
        if (query != null) {
            String q = "/sparql?query=" + enc(query);
            model.put("shareLink", q);
            if (outcome != null) result(model, outcome, pm, q);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("endpoint", SparqlService.PATH);
        config.put("query", text);
        config.put("prefixes", pm.getNsPrefixMap());
        config.put("truncatedText", msg.getOrDefault("sparql.truncated", "{n}"));
        try {
            model.put("config", json.writeValueAsString(config).replace("</", "<\\/"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Templates.send(ctx, templates.render("sparql", lang, model));
    }

    private void result(Map<String, Object> model, SparqlService.Outcome o, PrefixMapping pm, String link) {
        List<String> vars = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        List<Map<String, String>> downloads = new ArrayList<>();
        if (o.ask() != null) {
            model.put("ask", o.ask());
            for (String f : List.of("json", "xml", "csv", "tsv")) downloads.add(Map.of("label", f.toUpperCase(), "href", link + "&format=" + f));
        } else if (o.graph() != null) {
            vars.addAll(List.of("subject", "predicate", "object"));
            o.graph().find().forEachRemaining(t -> rows.add(List.of(cell(t.getSubject(), pm), cell(t.getPredicate(), pm), cell(t.getObject(), pm))));
            rows.sort(Comparator.comparing((List<Cell> r) -> r.get(0).text()).thenComparing(r -> r.get(1).text()));
            for (String[] f : new String[][] {{"Turtle", "ttl"}, {"N-Triples", "nt"}, {"JSON-LD", "jsonld"}, {"RDF/XML", "rdf"}}) {
                downloads.add(Map.of("label", f[0], "href", link + "&format=" + f[1]));
            }
        } else {
            for (Var v : o.vars()) vars.add(v.getVarName());
            for (Binding b : o.rows()) {
                List<Cell> row = new ArrayList<>();
                for (Var v : o.vars()) {
                    Node n = b.get(v);
                    row.add(n == null ? new Cell("", null, null) : cell(n, pm));
                }
                rows.add(row);
            }
            for (String f : List.of("csv", "tsv", "json", "xml")) downloads.add(Map.of("label", f.toUpperCase(), "href", link + "&format=" + f));
        }
        model.put("hasResult", true);
        model.put("vars", vars);
        model.put("rows", rows);
        model.put("rowCount", rows.size());
        model.put("downloads", downloads);
        if (o.truncated()) model.put("truncated", limits.maxRows());
    }

    private Cell cell(Node n, PrefixMapping pm) {
        if (n.isURI()) {
            String uri = n.getURI();
            String local = iris.localPath(uri);
            String shortForm = pm.shortForm(uri);
            String href = local != null ? local : (uri.startsWith("http://") || uri.startsWith("https://") ? uri : null);
            return new Cell(shortForm.equals(uri) ? uri : shortForm, href, null);
        }
        if (n.isLiteral()) {
            String note = !n.getLiteralLanguage().isEmpty() ? "@" + n.getLiteralLanguage()
                    : n.getLiteralDatatypeURI() != null && !n.getLiteralDatatypeURI().equals("http://www.w3.org/2001/XMLSchema#string")
                            ? pm.shortForm(n.getLiteralDatatypeURI()) : null;
            return new Cell(n.getLiteralLexicalForm(), null, note);
        }
        if (n.isBlank()) return new Cell("_:" + n.getBlankNodeLabel(), null, null);
        return new Cell(n.toString(), null, null);
    }

    // ---- prefixes

    /** The portal's prefixes and those of the namespaces the published data uses (from the VoID partitions). */
    PrefixMapping prefixes(DatasetGraph dsg) {
        PrefixMapping pm = PrefixMapping.Factory.create().setNsPrefixes(rdf.prefixes());
        pm.setNsPrefix("void", VOID);
        Node catalogGraph = iris.catalogGraph();
        Set<String> iris = new java.util.TreeSet<>();
        for (Node p : List.of(VOID_CLASS, VOID_PROPERTY)) {
            dsg.find(catalogGraph, Node.ANY, p, Node.ANY).forEachRemaining(q -> {
                if (q.getObject().isURI()) iris.add(q.getObject().getURI());
            });
        }
        int n = 0;
        for (String iri : iris) {
            String ns = namespace(iri);
            if (ns == null || pm.getNsURIPrefix(ns) != null) continue;
            String name = KNOWN.get(ns);
            if (name == null && ns.startsWith(this.iris.base() + "def/")) {
                name = ns.substring(this.iris.base().length() + 4).replaceAll("[#/]+$", "").replaceAll("[^A-Za-z0-9_-]", "-");
                if (name.isEmpty() || !Character.isLetter(name.charAt(0))) name = "d" + name;
            }
            if (name == null || pm.getNsPrefixURI(name) != null) name = "ns" + (++n);
            while (pm.getNsPrefixURI(name) != null) name = "ns" + (++n);
            pm.setNsPrefix(name, ns);
        }
        return pm;
    }

    private static String namespace(String iri) {
        int i = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return i > 0 && i < iri.length() - 1 ? iri.substring(0, i + 1) : null;
    }

    // ---- example queries

    private String defaultQuery(PrefixMapping pm) {
        return build("SELECT ?class (COUNT(?s) AS ?n)\nWHERE { ?s a ?class }\nGROUP BY ?class\nORDER BY DESC(?n)\nLIMIT 20", Map.of(), pm).query();
    }

    /** Queries over the whole store: graphs and datasets. */
    private List<Example> general(PrefixMapping pm, Map<String, String> msg) {
        List<Example> out = new ArrayList<>();
        out.add(build(msg.get("sparql.example.graphs"),
                "SELECT ?graph (COUNT(*) AS ?triples)\nWHERE { GRAPH ?graph { ?s ?p ?o } }\nGROUP BY ?graph\nORDER BY DESC(?triples)", Map.of(), pm));
        out.add(build(msg.get("sparql.example.datasets"),
                "SELECT ?dataset ?title ?modified\nWHERE { GRAPH ?catalog { ?dataset a ?Dataset ; ?titleP ?title . OPTIONAL { ?dataset ?modifiedP ?modified } } }\nORDER BY ?title",
                Map.of("catalog", iris.catalogGraph(), "Dataset", DCAT.Dataset.asNode(), "titleP", DCTerms.title.asNode(),
                        "modifiedP", DCTerms.modified.asNode()), pm));
        return out;
    }

    /** For each dataset: its classes and how many of each; a table of its commonest class; its properties. */
    private List<DatasetExamples> examples(DatasetGraph dsg, PrefixMapping pm, String lang, Map<String, String> msg) {
        List<DatasetExamples> out = new ArrayList<>();
        Node catalogGraph = iris.catalogGraph();
        for (CatalogService.DatasetSummary d : catalog.datasets(lang)) {
            Node ds = iris.dataset(d.slug());
            Node graph = iris.datasetGraph(d.slug());
            List<Node> classes = partitions(dsg, catalogGraph, ds, CLASS_PARTITION, VOID_CLASS, VOID_ENTITIES);
            List<Node> properties = partitions(dsg, catalogGraph, ds, PROPERTY_PARTITION, VOID_PROPERTY, VOID_TRIPLES);
            properties.remove(RDF.Nodes.type);
            List<Example> examples = new ArrayList<>();
            examples.add(build(msg.get("sparql.example.classes"),
                    "SELECT ?class (COUNT(?s) AS ?n)\nWHERE { GRAPH ?graph { ?s a ?class } }\nGROUP BY ?class\nORDER BY DESC(?n)",
                    Map.of("graph", graph), pm));
            for (Node cls : classes.subList(0, Math.min(2, classes.size()))) {
                examples.add(table(graph, cls, properties, pm, msg));
            }
            if (!properties.isEmpty()) {
                examples.add(build(msg.get("sparql.example.properties"),
                        "SELECT ?property (COUNT(*) AS ?n)\nWHERE { GRAPH ?graph { ?s ?property ?o } }\nGROUP BY ?property\nORDER BY DESC(?n)",
                        Map.of("graph", graph), pm));
            }
            out.add(new DatasetExamples(d.slug(), d.title(), examples));
        }
        return out;
    }

    /** Things of class {@code cls} as a table: one column for each of the dataset's commonest properties it has. */
    private Example table(Node graph, Node cls, List<Node> properties, PrefixMapping pm, Map<String, String> msg) {
        StringBuilder select = new StringBuilder("SELECT ?s");
        StringBuilder where = new StringBuilder("WHERE {\n  GRAPH ?graph {\n    ?s a ?class .\n");
        Map<String, Node> params = new LinkedHashMap<>();
        params.put("graph", graph);
        params.put("class", cls);
        Set<String> names = new HashSet<>(Set.of("s", "graph", "class"));
        int i = 0;
        for (Node p : properties) {
            if (i == TABLE_PROPERTIES) break;
            if (!usedBy(graph, p, cls)) continue;
            String name = variable(p, names);
            String param = "p" + (++i);
            params.put(param, p);
            select.append(" ?").append(name);
            where.append("    OPTIONAL { ?s ?").append(param).append(" ?").append(name).append(" }\n");
        }
        where.append("  }\n}\nLIMIT 100");
        String label = pm.shortForm(cls.getURI());
        return build(msg.get("sparql.example.table").replace("{class}", label), select + "\n" + where, params, pm);
    }

    /**
     * Whether some subject of {@code cls} has {@code p} (looked at through the first few uses of {@code p}): one query
     * through the store, so that a remote store answers it in one request.
     */
    private boolean usedBy(Node graph, Node p, Node cls) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(
                "ASK { { SELECT ?s WHERE { GRAPH ?graph { ?s ?p ?o } } LIMIT 20 } GRAPH ?graph { ?s a ?class } }");
        pss.setParam("graph", graph);
        pss.setParam("p", p);
        pss.setParam("class", cls);
        try {
            return store.query(pss.asQuery(), USED_BY_TIMEOUT, QueryExecution::execAsk);
        } catch (QueryCancelledException e) {
            return false;
        }
    }

    private static String variable(Node p, Set<String> taken) {
        String local = p.getURI().substring(Math.max(p.getURI().lastIndexOf('#'), p.getURI().lastIndexOf('/')) + 1);
        String name = java.text.Normalizer.normalize(local, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z0-9_]", "");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) name = "v" + name;
        String unique = name;
        for (int n = 2; !taken.add(unique); n++) unique = name + n;
        return unique;
    }

    private static List<Node> partitions(DatasetGraph dsg, Node g, Node ds, Node partition, Node what, Node count) {
        Map<Node, Long> counts = new LinkedHashMap<>();
        dsg.find(g, ds, partition, Node.ANY).forEachRemaining(q -> {
            Node part = q.getObject();
            dsg.find(g, part, what, Node.ANY).forEachRemaining(w -> {
                long n = 0;
                var c = dsg.find(g, part, count, Node.ANY);
                if (c.hasNext()) {
                    Object v = c.next().getObject().getLiteralValue();
                    if (v instanceof Number num) n = num.longValue();
                }
                if (w.getObject().isURI()) counts.merge(w.getObject(), n, Long::sum);
            });
        });
        List<Node> out = new ArrayList<>(counts.keySet());
        out.sort(Comparator.comparing((Node n) -> -counts.get(n)).thenComparing(Node::getURI));
        return out;
    }

    /** A query from a template whose {@code ?name}s are replaced by nodes, printed with the prefixes it uses. */
    private static Example build(String title, String template, Map<String, Node> params, PrefixMapping pm) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(template);
        params.forEach(pss::setParam);
        Query q = QueryFactory.create(pss.toString());
        PrefixMapping used = PrefixMapping.Factory.create();
        String text = pss.toString();
        pm.getNsPrefixMap().forEach((prefix, ns) -> {
            if (text.contains("<" + ns)) used.setNsPrefix(prefix, ns);
        });
        q.setPrefixMapping(used);
        String serialized = q.serialize();
        return new Example(title, serialized, "/sparql?query=" + enc(serialized));
    }

    private static Example build(String template, Map<String, Node> params, PrefixMapping pm) {
        return build(null, template, params, pm);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
