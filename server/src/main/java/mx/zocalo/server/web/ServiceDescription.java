package mx.zocalo.server.web;

import java.util.ArrayList;
import java.util.List;
import mx.zocalo.server.catalog.PortalIris;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * The SPARQL 1.1 Service Description of {@code /sparql}: the endpoint, SPARQL 1.1 Query, the result formats,
 * the union default graph, and the default dataset with every named graph.
 */
final class ServiceDescription {
    static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    static final String FORMATS = "http://www.w3.org/ns/formats/";

    private ServiceDescription() {}

    static Graph of(DatasetGraph dsg, PortalIris iris, SparqlLimits limits) {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefix("sd", SD).setNsPrefix("formats", FORMATS);
        Node service = iris.sparqlService();
        g.add(service, RDF.Nodes.type, sd("Service"));
        g.add(service, sd("endpoint"), service);
        g.add(service, sd("supportedLanguage"), sd("SPARQL11Query"));
        g.add(service, sd("feature"), sd("UnionDefaultGraph"));
        for (String f : List.of("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N-Quads", "TriG")) {
            g.add(service, sd("resultFormat"), NodeFactory.createURI(FORMATS + f));
        }
        g.add(service, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Punto de consulta SPARQL", "es"));
        g.add(service, DCTerms.title.asNode(), NodeFactory.createLiteralLang("SPARQL endpoint", "en"));
        g.add(service, RDFS.comment.asNode(), NodeFactory.createLiteralLang(
                "Read-only. Queries run for at most " + limits.timeoutSeconds() + " s; results are cut at "
                        + limits.maxRows() + " rows or triples (header X-Zocalo-Truncated); at most " + limits.maxConcurrent()
                        + " queries run at once" + (limits.perClient() > 0 ? ", at most " + limits.perClient() + " of one client address" : "")
                        + (limits.clientSecondsPerMinute() > 0 ? "; one address may use " + limits.clientSecondsPerMinute() + " s of query time a minute" : "")
                        + ".", "en"));

        Node dataset = NodeFactory.createBlankNode();
        Node defaultGraph = NodeFactory.createBlankNode();
        g.add(service, sd("defaultDataset"), dataset);
        g.add(dataset, RDF.Nodes.type, sd("Dataset"));
        g.add(dataset, sd("defaultGraph"), defaultGraph);
        g.add(defaultGraph, RDF.Nodes.type, sd("Graph"));
        g.add(defaultGraph, RDFS.comment.asNode(), NodeFactory.createLiteralLang("The union of all named graphs.", "en"));
        List<Node> names = new ArrayList<>();
        dsg.listGraphNodes().forEachRemaining(names::add);
        names.sort((a, b) -> a.toString().compareTo(b.toString()));
        for (Node name : names) {
            Node named = NodeFactory.createBlankNode();
            Node graph = NodeFactory.createBlankNode();
            g.add(dataset, sd("namedGraph"), named);
            g.add(named, RDF.Nodes.type, sd("NamedGraph"));
            g.add(named, sd("name"), name);
            g.add(named, sd("graph"), graph);
            g.add(graph, RDF.Nodes.type, sd("Graph"));
        }
        return g;
    }

    private static Node sd(String local) {
        return NodeFactory.createURI(SD + local);
    }
}
