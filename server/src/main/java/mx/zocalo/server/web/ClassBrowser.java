package mx.zocalo.server.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;

/**
 * The things of one class in one dataset, {@value #PER_PAGE} a page in the order of their IRIs, each by its label and
 * linked to its page: {@code /dataset/{slug}/browse?class=IRI&page=N}. The classes a dataset has, and how many things
 * each, come from the VoID figures of its record (the dataset page lists them); a page's things from a SPARQL query
 * over the dataset's graph.
 */
final class ClassBrowser {
    static final int PER_PAGE = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String THINGS = "SELECT ?thing WHERE { GRAPH ?graph { ?thing a ?class } } ORDER BY ?thing";

    /** A thing on the page. */
    record Thing(String href, String label, String iri) {}

    private final Store store;
    private final PortalIris iris;
    private final Templates templates;
    private final CatalogService catalog;

    ClassBrowser(Store store, PortalIris iris, Templates templates, CatalogService catalog) {
        this.store = store;
        this.iris = iris;
        this.templates = templates;
        this.catalog = catalog;
    }

    void page(Context ctx) {
        String slug = ctx.pathParam("slug");
        if (!catalog.hasDataset(slug)) throw new NotFoundResponse("No dataset called '" + slug + "'");
        String classIri = ctx.queryParam("class");
        if (classIri == null || classIri.isBlank()) {
            ctx.redirect("/dataset/" + slug + "#contents", HttpStatus.SEE_OTHER);
            return;
        }
        String lang = PageLanguage.of(ctx);
        CatalogService.ClassCount c = catalog.classes(slug, lang).stream().filter(x -> x.iri().equals(classIri)).findFirst()
                .orElseThrow(() -> new NotFoundResponse("The dataset '" + slug + "' has nothing of the class <" + classIri + ">"));
        int pages = (int) Math.max(1, (c.count() + PER_PAGE - 1) / PER_PAGE);
        int page = pageNumber(ctx.queryParam("page"));
        if (page > pages) throw new NotFoundResponse("There are " + pages + " pages of <" + classIri + ">, not " + page);

        ParameterizedSparqlString pss = new ParameterizedSparqlString(THINGS);
        pss.setIri("graph", iris.datasetGraph(slug).getURI());
        pss.setIri("class", classIri);
        Query query = pss.asQuery();
        query.setLimit(PER_PAGE);
        query.setOffset((long) (page - 1) * PER_PAGE);
        List<String> found = store.query(query, TIMEOUT, qe -> {
            List<String> out = new ArrayList<>();
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution row = rs.next();
                RDFNode thing = row.get("thing");
                if (thing != null && thing.isURIResource()) out.add(thing.asResource().getURI());
            }
            return out;
        });
        Map<String, String> labels = store.read(dsg -> ResourceLabels.of(dsg, found, lang));
        List<Thing> things = new ArrayList<>();
        for (String iri : found) things.add(new Thing(catalog.link(iri), labels.get(iri), iri));

        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("s", catalog.dataset(slug, lang).orElseThrow(() -> new NotFoundResponse("No dataset called '" + slug + "'")).summary());
        model.put("cls", c);
        model.put("classHref", catalog.link(classIri));
        model.put("things", things);
        model.put("from", (long) (page - 1) * PER_PAGE + 1);
        model.put("to", (long) (page - 1) * PER_PAGE + things.size());
        model.put("page", page);
        model.put("pages", pages);
        if (page > 1) model.put("previous", link(slug, classIri, page - 1));
        if (page < pages) model.put("next", link(slug, classIri, page + 1));
        ParameterizedSparqlString all = new ParameterizedSparqlString(THINGS);
        all.setIri("graph", iris.datasetGraph(slug).getURI());
        all.setIri("class", classIri);
        model.put("sparqlLink", "/sparql?query=" + URLEncoder.encode(all.asQuery().toString(), StandardCharsets.UTF_8));
        Templates.send(ctx, templates.render("browse", lang, model));
    }

    static String link(String slug, String classIri, int page) {
        return "/dataset/" + slug + "/browse?class=" + URLEncoder.encode(classIri, StandardCharsets.UTF_8) + (page > 1 ? "&page=" + page : "");
    }

    private static int pageNumber(String value) {
        if (value == null || value.isBlank()) return 1;
        try {
            int page = Integer.parseInt(value.strip());
            if (page >= 1) return page;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadRequestResponse("page must be a whole number from 1 up, not '" + value + "'");
    }
}
