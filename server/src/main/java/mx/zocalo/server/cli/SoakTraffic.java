package mx.zocalo.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;

/**
 * The soak's traffic: the routes a visitor, a program and a SPARQL user ask for, with their shares (pages, catalog in
 * Turtle and JSON-LD, search, the explorer and the row API, SPARQL lookups, DESCRIBE and aggregates), the questions
 * about the republished dataset whose answers are checked, the slow SPARQL query meant to hit the time limit, and the
 * clients that send them.
 */
final class SoakTraffic {
    private static final String[] WORDS = {"población", "accidentes", "presupuesto", "delitos", "estado", "nuevo león", "gasto", "mujeres",
        "entidad", "2020", "muertos", "transporte"};
    final List<SoakRoute> routes = new ArrayList<>();
    final SoakRoute slow;
    private final String local;
    private final int total;

    SoakTraffic(String local, PortalIris iris, Store store, List<String> slugs, SoakVersions versions) {
        this.local = local;
        List<String> resources = new ArrayList<>();
        for (String slug : slugs) resources.addAll(sample(store, iris, slug)); // not the republished one's: its rows come and go
        if (resources.isEmpty()) throw new IllegalStateException("no resources found in the published datasets");
        String v = SoakVersions.SLUG;
        String vGraph = iris.datasetGraph(v).getURI();
        // pages
        add("home", "page", 4, r -> get("/", "text/html"), null);
        add("catalog page", "page", 4, r -> get("/catalog", "text/html"), null);
        add("dataset page", "page", 8, r -> get("/dataset/" + pick(r, slugs), "text/html"), null);
        add("resource page", "page", 14, r -> get(pick(r, resources) + "?r=" + r.nextInt(50), "text/html"), null);
        add("explorer page", "page", 5, r -> get("/dataset/" + pick(r, slugs) + "/explore?page=" + (1 + r.nextInt(5)), "text/html"), null);
        add("versioned dataset page", "page", 3, r -> get("/dataset/" + v, "text/html"), SoakVersions::mixed);
        // catalog as data
        add("catalog.ttl", "data", 3, r -> get("/catalog.ttl", "text/turtle"), null);
        add("catalog.jsonld", "data", 2, r -> get("/catalog.jsonld", "application/ld+json"), null);
        add("versioned download .nt", "data", 1, r -> get("/download/" + v + ".nt", "application/n-triples"), SoakVersions::mixed);
        // search
        add("search page", "search", 5, r -> get("/search?q=" + enc(pick(r, WORDS)), "text/html"), null);
        add("search api", "search", 5, r -> get("/api/search?q=" + enc(pick(r, WORDS)), "application/json"), null);
        // row API
        add("row api", "api", 9, r -> get("/api/datasets/" + pick(r, slugs) + "/rows?$limit=20&$offset=" + 20 * r.nextInt(20), "application/json"), null);
        add("versioned rows", "api", 5, r -> get("/api/datasets/" + v + "/rows?$limit=50&$offset=" + 50 * r.nextInt(10), "application/json"),
                versions.rowsWithTotal());
        add("versioned rows by version", "api", 3, r -> get("/api/datasets/" + v + "/rows?$select=" + enc("marca, count(*) AS n")
                + "&$group=marca", "application/json"), versions.oneGroup());
        add("versioned explore.csv", "api", 2, r -> get("/dataset/" + v + "/explore.csv?page=" + (1 + r.nextInt(3)), "text/csv"), SoakVersions::mixed);
        // SPARQL
        add("sparql select", "sparql", 7, r -> sparql("SELECT ?s ?p ?o WHERE { GRAPH <" + iris.datasetGraph(pick(r, slugs)).getURI()
                + "> { ?s ?p ?o } } LIMIT 20 OFFSET " + 20 * r.nextInt(200), false), null);
        add("sparql describe", "sparql", 4, r -> sparql("DESCRIBE <" + iris.base() + pick(r, resources).substring(1) + ">", false), null);
        add("sparql aggregate", "sparql", 3, r -> sparql("SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 20", false), null);
        add("versioned sparql count", "sparql", 3, r -> sparql("SELECT ?marca (COUNT(?s) AS ?n) WHERE { GRAPH <" + vGraph
                + "> { ?s ?p ?marca FILTER(isLiteral(?marca) && STRSTARTS(STR(?marca), \"SOAKVER\")) } } GROUP BY ?marca", true), versions.oneGroup());
        // a cartesian product that no index helps: meant to be stopped by the time limit
        slow = new SoakRoute("sparql slow (time limit)", "slow", 0, r -> sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?x ?f FILTER(STR(?b) < STR(?d)) }", true), null);
        routes.add(slow);
        int sum = 0;
        for (SoakRoute route : routes) sum += route.weight;
        total = sum;
    }

    private void add(String name, String group, int weight, Function<Random, HttpRequest> request, SoakRoute.Check check) {
        routes.add(new SoakRoute(name, group, weight, request, check));
    }

    /** Paths of up to 100 subjects of a dataset's graph that are under the portal's base (their pages). */
    private static List<String> sample(Store store, PortalIris iris, String slug) {
        String q = "SELECT DISTINCT ?s WHERE { GRAPH <" + iris.datasetGraph(slug).getURI() + "> { ?s a ?c } FILTER(STRSTARTS(STR(?s), \""
                + iris.base() + "\")) } LIMIT 100";
        return store.query(QueryFactory.create(q), Duration.ofMinutes(1), qe -> {
            List<String> out = new ArrayList<>();
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                out.add("/" + s.getResource("s").getURI().substring(iris.base().length()));
            }
            return out;
        });
    }

    private HttpRequest get(String path, String accept) {
        return HttpRequest.newBuilder(URI.create(local + path)).header("Accept", accept).header("Accept-Language", "en")
                .timeout(Duration.ofSeconds(60)).build();
    }

    private HttpRequest sparql(String query, boolean noCache) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(local + "/sparql?query=" + enc(query)))
                .header("Accept", query.startsWith("DESCRIBE") ? "text/turtle" : "application/sparql-results+json")
                .header("Accept-Language", "en").timeout(Duration.ofSeconds(90));
        if (noCache) b.header("Cache-Control", "no-cache");
        return b.build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String pick(Random r, String[] list) {
        return list[r.nextInt(list.length)];
    }

    SoakRoute choose(Random r) {
        int n = r.nextInt(total);
        for (SoakRoute route : routes) {
            n -= route.weight;
            if (n < 0) return route;
        }
        throw new IllegalStateException("no route");
    }

    /**
     * Sends one request of {@code route} and counts it; {@code third} of the run it falls in is given by {@code
     * started}/{@code length} (nanoseconds).
     */
    static void send(HttpClient http, SoakRoute route, Random random, long started, long length, SoakVersions versions) {
        HttpRequest request = route.request.apply(random);
        long publishedBefore = versions.published;
        long t0 = System.nanoTime();
        String outcome;
        HttpResponse<byte[]> response = null;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            outcome = SoakRoute.outcome(response);
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
        } catch (IOException e) {
            outcome = "io";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long t1 = System.nanoTime();
        route.count(outcome, (t1 - t0) / 1000, (int) (3 * (t0 - started) / Math.max(1, length)));
        if (route.check != null && response != null) {
            boolean marked = !SoakVersions.marks(response.body()).isEmpty();
            route.checkedAnswer(marked, route.check.problem(response), SoakVersions.stale(response, publishedBefore, versions.begun));
        }
    }
}
