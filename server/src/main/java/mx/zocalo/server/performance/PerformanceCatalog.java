package mx.zocalo.server.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.CatalogRecord;
import mx.zocalo.server.catalog.PortalIris;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * The performance measures in the DCAT catalog: a sub-catalog {@code {base}catalog/performance} of the portal's catalog
 * ({@code dcat:catalog}), listing each measure's Data Cube as a {@code dcat:Dataset} of its own with
 * {@code prov:wasDerivedFrom} its source datasets, its goal's page as landing page, and two distributions: its RDF
 * (the Data Cube, Turtle) and the goal's JSON ({@code /api/performance/{goal}}). Harvesters of the catalog find them.
 */
final class PerformanceCatalog {
    static final String PATH = "catalog/performance";
    private final PortalIris iris;
    private final List<Triple> out = new ArrayList<>();

    private PerformanceCatalog(PortalIris iris) {
        this.iris = iris;
    }

    static Node catalog(PortalIris iris) {
        return iris.iri(PATH);
    }

    /** The sub-catalog itself and its link from the portal's catalog. */
    static List<Triple> subCatalog(PortalIris iris) {
        PerformanceCatalog c = new PerformanceCatalog(iris);
        Node cat = catalog(iris);
        c.add(iris.catalog(), DCAT.catalog.asNode(), cat);
        c.add(cat, RDF.type.asNode(), DCAT.Catalog.asNode());
        c.add(cat, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Metas de desempeño", "es"));
        c.add(cat, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Performance goals", "en"));
        c.add(cat, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                "Las medidas de las metas de desempeño, calculadas por periodo a partir de los conjuntos de datos del portal y publicadas como cubos de datos RDF.", "es"));
        c.add(cat, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                "The measures of the performance goals, computed per period from the portal's datasets and published as RDF Data Cubes.", "en"));
        c.add(cat, DCTerms.publisher.asNode(), iris.publisher("portal"));
        c.add(cat, FOAF.homepage.asNode(), iris.iri("performance"));
        c.add(iris.iri("performance"), RDF.type.asNode(), FOAF.Document.asNode());
        return c.out;
    }

    /** The records of a goal's measures. */
    static List<Triple> records(PortalIris iris, GoalResult r) {
        PerformanceCatalog c = new PerformanceCatalog(iris);
        for (MeasureResult m : r.measures()) c.dataset(r, m);
        return c.out;
    }

    private void dataset(GoalResult r, MeasureResult m) {
        Goal g = r.goal();
        Node ds = DataCube.measure(iris, g.id(), m.id());
        add(catalog(iris), DCAT.dataset.asNode(), ds);
        add(ds, RDF.type.asNode(), DCAT.Dataset.asNode());
        for (String lang : List.of("es", "en")) {
            add(ds, DCTerms.title.asNode(), NodeFactory.createLiteralLang(g.title(lang) + ": " + m.measure().title(lang), lang));
            String narrative = g.narrative(lang);
            String what = lang.equals("es") ? "Medida de la meta «" + g.title(lang) + "», un valor por periodo, como cubo de datos RDF."
                    : "Measure of the goal \"" + g.title(lang) + "\", one value per period, as an RDF Data Cube.";
            add(ds, DCTerms.description.asNode(), NodeFactory.createLiteralLang(narrative.isEmpty() ? what : what + " " + narrative, lang));
        }
        add(ds, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(g.id() + "/" + m.id()));
        add(ds, DCTerms.publisher.asNode(), iris.publisher("portal"));
        add(ds, DCTerms.modified.asNode(), NodeFactory.createLiteralDT(r.lastUpdated().toString(), XSDDatatype.XSDdateTime));
        add(ds, DCAT.keyword.asNode(), NodeFactory.createLiteralLang(g.category(), "en"));
        add(ds, DCAT.landingPage.asNode(), iris.iri("performance/" + g.id()));
        add(iris.iri("performance/" + g.id()), RDF.type.asNode(), FOAF.Document.asNode());
        Node period = NodeFactory.createURI(DataCube.goal(iris, g.id()).getURI() + "#period");
        add(ds, DCTerms.temporal.asNode(), period);
        add(period, RDF.type.asNode(), DCTerms.PeriodOfTime.asNode());
        add(period, DCAT.startDate.asNode(), NodeFactory.createLiteralDT(g.start().toString(), XSDDatatype.XSDdate));
        add(period, DCAT.endDate.asNode(), NodeFactory.createLiteralDT(g.end().toString(), XSDDatatype.XSDdate));
        for (String slug : m.datasets()) add(ds, NodeFactory.createURI(DataCube.PROV + "wasDerivedFrom"), iris.dataset(slug));
        distribution(ds, "ttl", NodeFactory.createURI(ds.getURI() + ".ttl"), "text/turtle", "RDF_TURTLE",
                Map.of("es", "El cubo de datos en Turtle", "en", "The data cube in Turtle"));
        distribution(ds, "json", iris.iri("api/performance/" + g.id()), "application/json", "JSON",
                Map.of("es", "La meta y sus valores en JSON", "en", "The goal and its values in JSON"));
    }

    private void distribution(Node ds, String key, Node url, String mediaType, String fileType, Map<String, String> titles) {
        Node dist = NodeFactory.createURI(ds.getURI() + "/distribution/" + key);
        add(ds, DCAT.distribution.asNode(), dist);
        add(dist, RDF.type.asNode(), DCAT.Distribution.asNode());
        titles.forEach((lang, t) -> add(dist, DCTerms.title.asNode(), NodeFactory.createLiteralLang(t, lang)));
        add(dist, DCAT.accessURL.asNode(), url);
        add(dist, DCAT.downloadURL.asNode(), url);
        Node media = NodeFactory.createURI(CatalogRecord.MEDIA_TYPE_BASE + mediaType);
        add(dist, DCAT.mediaType.asNode(), media);
        add(media, RDF.type.asNode(), DCTerms.MediaType.asNode());
        Node format = NodeFactory.createURI(CatalogRecord.FILE_TYPE_BASE + fileType);
        add(dist, DCTerms.format.asNode(), format);
        add(format, RDF.type.asNode(), DCTerms.MediaTypeOrExtent.asNode());
    }

    private void add(Node s, Node p, Node o) {
        out.add(Triple.create(s, p, o));
    }
}
