package mx.zocalo.server.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * The views of a dataset in the catalog graph: each view {@code {base}dataset/{slug}/view/{id}} a {@code zoc:View} with
 * its titles and descriptions, its chart type, its query in the explorer's parameters, in SoQL and in SPARQL, its story
 * panel, its place among the dataset's views ({@code zoc:viewOrder}, 1 for the first declared), linked from and to the dataset ({@code zoc:view}, {@code zoc:viewOf}), and its explorer page ({@code foaf:page}).
 * Under the dataset's IRI, so a republish replaces them with the record.
 */
public final class ViewRecord {
    private ViewRecord() {}

    /** A declared view as published: the explorer parameters in canonical form, the SoQL and the SPARQL they stand for. */
    public record Published(DatasetDescription.View view, String explore, String soql, String sparql) {}

    public static List<Triple> triples(PortalIris iris, String slug, List<Published> views) {
        List<Triple> t = new ArrayList<>();
        Node ds = iris.dataset(slug);
        int order = 0;
        for (Published p : views) {
            DatasetDescription.View v = p.view();
            order++;
            Node view = iris.view(slug, v.id());
            t.add(Triple.create(ds, iris.term("view"), view));
            t.add(Triple.create(view, iris.term("viewOf"), ds));
            t.add(Triple.create(view, RDF.type.asNode(), iris.term("View")));
            t.add(Triple.create(view, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(v.id())));
            langs(t, view, DCTerms.title.asNode(), v.title());
            langs(t, view, DCTerms.description.asNode(), v.description());
            t.add(Triple.create(view, iris.term("viewOrder"), NodeFactory.createLiteralDT(String.valueOf(order), XSDDatatype.XSDinteger)));
            t.add(Triple.create(view, iris.term("chartType"), NodeFactory.createLiteralString(v.chart())));
            t.add(Triple.create(view, iris.term("explorerQuery"), NodeFactory.createLiteralString(p.explore())));
            t.add(Triple.create(view, iris.term("soqlQuery"), NodeFactory.createLiteralString(p.soql())));
            if (p.sparql() != null) t.add(Triple.create(view, iris.term("sparqlQuery"), NodeFactory.createLiteralString(p.sparql())));
            if (v.story() != null) t.add(Triple.create(view, iris.term("storyPanel"), NodeFactory.createLiteralString(v.story())));
            Node page = iris.iri("dataset/" + slug + "/explore" + (p.explore().isEmpty() ? "" : "?" + p.explore()));
            t.add(Triple.create(view, FOAF.page.asNode(), page));
            t.add(Triple.create(page, RDF.type.asNode(), FOAF.Document.asNode()));
        }
        return t;
    }

    private static void langs(List<Triple> t, Node s, Node p, Map<String, String> byLang) {
        byLang.forEach((lang, text) -> t.add(Triple.create(s, p, NodeFactory.createLiteralLang(text, lang))));
    }
}
