package mx.zocalo.server.search;

import java.time.Duration;
import java.util.function.Consumer;
import mx.zocalo.server.store.Store;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;

/**
 * The records of a dataset: every resource of its named graph with a label ({@code rdfs:label}, {@code skos:prefLabel},
 * {@code dct:title} or {@code schema:name}), with its labels and its class. Read with one SPARQL query through the
 * store (the embedded one or a remote one alike), sorted by resource so that each record is handed over once.
 */
final class RecordReader {
    /** One labelled resource of a dataset's graph; {@code type} is null when it has no {@code rdf:type}. */
    record RecordEntry(String iri, Texts labels, String type) {}

    private static final String QUERY = """
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX schema: <http://schema.org/>
            SELECT ?s ?label ?type WHERE {
              GRAPH ?g {
                VALUES ?p { rdfs:label skos:prefLabel dct:title schema:name }
                ?s ?p ?label .
                FILTER(isIRI(?s) && isLiteral(?label))
                OPTIONAL { ?s a ?type }
              }
            } ORDER BY ?s""";
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private RecordReader() {}

    /** Hands every record of the graph {@code graph} to {@code each}; the number of records. */
    static long read(Store store, String graph, Consumer<RecordEntry> each) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(QUERY);
        q.setIri("g", graph);
        return store.query(q.asQuery(), TIMEOUT, qe -> {
            ResultSet rs = qe.execSelect();
            long n = 0;
            String current = null;
            Texts labels = null;
            String type = null;
            while (rs.hasNext()) {
                QuerySolution row = rs.next();
                String s = row.getResource("s").getURI();
                if (!s.equals(current)) {
                    if (current != null) {
                        each.accept(new RecordEntry(current, labels, type));
                        n++;
                    }
                    current = s;
                    labels = new Texts();
                    type = null;
                }
                labels.add(row.get("label").asNode());
                RDFNode t = row.get("type");
                if (t != null && t.isURIResource() && (type == null || t.asResource().getURI().compareTo(type) < 0)) {
                    type = t.asResource().getURI();
                }
            }
            if (current != null) {
                each.accept(new RecordEntry(current, labels, type));
                n++;
            }
            return n;
        });
    }
}
