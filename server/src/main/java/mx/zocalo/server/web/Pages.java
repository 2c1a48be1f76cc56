package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;

/** The HTML pages: home, dataset and catalog; datasets and the catalog also as RDF. (The SPARQL workbench is {@link SparqlWorkbench}.) */
final class Pages {
    private final Store store;
    private final PortalIris iris;
    private final Templates templates;
    private final CatalogService catalog;
    private final ResourceService resources;
    private final RdfResponses rdf;
    private final DatasetPreview preview;
    private final DatasetViews views;
    private java.util.function.Function<String, String> organisationNames = slug -> slug;

    Pages(Store store, PortalIris iris, Templates templates, CatalogService catalog, ResourceService resources, RdfResponses rdf) {
        this.store = store;
        this.iris = iris;
        this.templates = templates;
        this.catalog = catalog;
        this.resources = resources;
        this.rdf = rdf;
        this.preview = new DatasetPreview(store, catalog);
        this.views = new DatasetViews(store, iris);
    }

    void home(Context ctx) {
        String lang = PageLanguage.of(ctx);
        Map<String, Object> model = base(ctx, lang);
        model.put("datasets", catalog.datasets(lang));
        model.put("harvested", catalog.harvested(lang));
        Templates.send(ctx, templates.render("home", lang, model));
    }

    void catalog(Context ctx) {
        catalog(ctx, Negotiate.type(ctx, RdfResponses.DESCRIPTION_TYPES));
    }

    /** {@code /catalog.ttl} and friends: the catalog in the format its extension names. */
    void catalogByExtension(Context ctx, String ext) {
        catalog(ctx, ext.equals("html") ? "text/html" : RdfDownload.byExtension(ext).mediaType());
    }

    private void catalog(Context ctx, String type) {
        Dereference.links(ctx, "/catalog");
        CatalogPages.Request request = CatalogPages.Request.of(ctx);
        CatalogPages.Page page = store.read(dsg -> CatalogPages.page(dsg.getGraph(iris.catalogGraph()), iris, request,
                CatalogPages.pageBase(ctx, iris)));
        page.links().forEach((rel, url) -> ctx.res().addHeader("Link", "<" + url + ">; rel=\"" + rel + "\""));
        if (!type.equals("text/html")) {
            rdf.send(ctx, page.graph(), RdfResponses.formatFor(type));
            return;
        }
        String lang = PageLanguage.of(ctx);
        Map<String, Object> model = base(ctx, lang);
        List<CatalogService.DatasetSummary> shown = new ArrayList<>();
        for (var d : catalog.datasets(lang)) {
            if (page.datasets().contains(iris.dataset(d.slug()))) shown.add(d);
        }
        model.put("datasets", shown);
        model.put("withdrawn", catalog.withdrawn(lang).stream().filter(w -> page.datasets().contains(iris.dataset(w.slug()))).toList());
        model.put("catalogIri", iris.catalog().getURI());
        model.put("page", page.page());
        model.put("pages", page.pages());
        model.put("total", page.total());
        model.put("q", request.q() == null ? "" : request.q());
        Map<String, String> local = new java.util.LinkedHashMap<>();
        page.links().forEach((rel, url) -> local.put(rel, Optional.ofNullable(iris.localPath(url)).orElse(url)));
        model.put("pageLinks", local);
        Templates.send(ctx, templates.render("catalog", lang, model));
    }

    void dataset(Context ctx) {
        String slug = ctx.pathParam("slug");
        String type = null;
        int dot = slug.indexOf('.');
        if (dot > 0) {
            String ext = slug.substring(dot + 1);
            slug = slug.substring(0, dot);
            type = ext.equals("html") ? "text/html"
                    : Optional.ofNullable(RdfDownload.byExtension(ext)).map(RdfDownload::mediaType)
                            .orElseThrow(() -> new NotFoundResponse("No format ." + ext));
        }
        if (!catalog.hasDataset(slug)) throw new NotFoundResponse("No dataset called '" + slug + "'");
        if (type == null) type = Negotiate.type(ctx, RdfResponses.DESCRIPTION_TYPES);
        Dereference.links(ctx, "/dataset/" + slug);
        if (!type.equals("text/html")) {
            rdf.send(ctx, resources.describe(iris.dataset(slug).getURI()), RdfResponses.formatFor(type));
            return;
        }
        String lang = PageLanguage.of(ctx);
        CatalogService.DatasetDetail d = catalog.dataset(slug, lang).orElseThrow(() -> new NotFoundResponse("No dataset"));
        Map<String, Object> model = base(ctx, lang);
        model.put("d", d);
        model.put("s", d.summary());
        model.put("sampleQueryLink", "/sparql?query=" + URLEncoder.encode(d.sampleQuery(), StandardCharsets.UTF_8));
        model.put("schemaOrg", SchemaOrg.dataset(d, iris.base() + "dataset/" + slug, iris.base(), iris.base() + "catalog", lang));
        final String s0 = slug;
        model.put("quality", store.read(dsg -> mx.zocalo.server.catalog.MetadataQuality.of(dsg.getGraph(iris.catalogGraph()), iris.dataset(s0))));
        model.put("classes", catalog.classes(slug, lang));
        model.put("history", new DatasetHistory(store).entries(slug));
        String org = new mx.zocalo.server.catalog.OrganisationCatalog(store, iris).organisationOf(slug);
        if (org != null) {
            model.put("organisationLink", "/organisation/" + org);
            model.put("organisationName", organisationNames.apply(org));
        }
        List<DatasetViews.View> declared = views.of(slug, lang);
        model.put("views", declared);
        if (declared.stream().anyMatch(v -> v.story() != null)) model.put("storyLink", "/dataset/" + slug + "/story");
        preview.read(slug, d.originalFile(), lang).ifPresent(p -> model.put("preview", p));
        Templates.send(ctx, templates.render("dataset", lang, model));
    }

    /** The display name of an organisation slug (the dataset page links its organisation). */
    void organisationNames(java.util.function.Function<String, String> names) {
        this.organisationNames = names;
    }

    /** What every page needs: the language switch link and the navigation. */
    static Map<String, Object> base(Context ctx, String lang) {
        Map<String, Object> model = new HashMap<>();
        String other = PageLanguage.other(ctx, lang); // null when one language alone is offered: no switch
        model.put("otherLang", other);
        model.put("switchLink", other == null ? null : Dereference.withQuery(ctx, "lang", other));
        model.put("path", ctx.path());
        model.put("alternates", new ArrayList<>());
        Signed.model(ctx, model);
        return model;
    }
}
