package mx.zocalo.server.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import mx.zocalo.server.store.Store;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;

/**
 * The SPARQL queries of {@code zocalo bench fuseki}, drawn from what a store holds: lookups (every triple of a subject),
 * joins (the subjects linking to an object, with all their triples), aggregates (the most frequent values of a
 * predicate, at a varying offset) and property paths (what a subject reaches through one or more links). Query
 * {@code n} is a function of {@code n}, so a run asks a long sequence of different queries and two servers are asked the
 * same ones.
 */
final class QueryMix {
    static final List<String> KINDS = List.of("lookup", "join", "aggregate", "path");
    private static final String NOT_TYPE = "!<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

    private final List<String> subjects;
    private final List<String> objects;
    private final List<String> predicates;
    private final long quads;

    private QueryMix(List<String> subjects, List<String> objects, List<String> predicates, long quads) {
        this.subjects = subjects;
        this.objects = objects;
        this.predicates = predicates;
        this.quads = quads;
    }

    /** Samples subjects, linked objects (3 to 300 links in) and predicates (10 to 20,000 uses) of the store. */
    static QueryMix draw(Store store, long seed) {
        Random random = new Random(seed);
        List<String> subjects = sample(column(store, "SELECT DISTINCT ?s WHERE { ?s a ?t FILTER(isIRI(?s)) }"), 2000, random);
        List<String> objects = sample(column(store, "SELECT ?x WHERE { { SELECT ?x (COUNT(?s) AS ?n) WHERE { ?s ?p ?x "
                + "FILTER(isIRI(?x) && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) } GROUP BY ?x } "
                + "FILTER(?n >= 3 && ?n <= 300) }"), 1000, random);
        List<String> predicates = sample(column(store, "SELECT ?x WHERE { { SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ?x ?o } "
                + "GROUP BY ?x } FILTER(?n >= 10 && ?n <= 20000) }"), 200, random);
        long quads = store.read(dsg -> {
            long n = 0;
            var it = dsg.find();
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        });
        if (subjects.isEmpty() || objects.isEmpty() || predicates.isEmpty()) {
            throw new IllegalStateException("The store holds too little to draw a query mix from (" + subjects.size() + " subjects, "
                    + objects.size() + " linked objects, " + predicates.size() + " predicates)");
        }
        return new QueryMix(subjects, objects, predicates, quads);
    }

    private static List<String> column(Store store, String select) {
        return store.query(QueryFactory.create(select), Duration.ofMinutes(5), qe -> {
            List<String> values = new ArrayList<>();
            ResultSet rs = qe.execSelect();
            String var = rs.getResultVars().get(0);
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                values.add(s.getResource(var).getURI());
            }
            return values;
        });
    }

    private static List<String> sample(List<String> all, int n, Random random) {
        List<String> copy = new ArrayList<>(all);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, Math.min(n, copy.size())));
    }

    long quads() {
        return quads;
    }

    int subjects() {
        return subjects.size();
    }

    int objects() {
        return objects.size();
    }

    int predicates() {
        return predicates.size();
    }

    /** The kind of query {@code n}. */
    static String kind(long n) {
        return KINDS.get((int) Math.floorMod(n, KINDS.size()));
    }

    /** Query {@code n} of the sequence. */
    String query(long n) {
        long k = Math.floorDiv(n, KINDS.size());
        return switch (kind(n)) {
            case "lookup" -> "SELECT ?p ?o WHERE { <" + pick(subjects, k) + "> ?p ?o }";
            case "join" -> "SELECT ?s ?p ?o WHERE { ?s ?q <" + pick(objects, k) + "> . ?s ?p ?o } LIMIT 200";
            case "aggregate" -> "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s <" + pick(predicates, k) + "> ?o } GROUP BY ?o "
                    + "ORDER BY DESC(?n) ?o LIMIT 10 OFFSET " + Math.floorMod(k / predicates.size(), 10);
            default -> "SELECT DISTINCT ?x WHERE { <" + pick(subjects, k * 7 + 3) + "> (" + NOT_TYPE + ")/(" + NOT_TYPE + ")* ?x } LIMIT 100";
        };
    }

    private static String pick(List<String> values, long k) {
        return values.get((int) Math.floorMod(k * 2654435761L, values.size()));
    }
}
