package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The schema.org {@code Dataset} of a dataset page, as JSON-LD for search engines (Google Dataset Search reads
 * it): name, description, identifier, keywords, licence, creator, dates, temporal coverage, downloads, catalog.
 */
final class SchemaOrg {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaOrg() {}

    static String dataset(CatalogService.DatasetDetail d, String pageUrl, String absoluteBase, String catalogUrl, String lang) {
        ObjectNode o = JSON.createObjectNode();
        o.put("@context", "https://schema.org/");
        o.put("@type", "Dataset");
        o.put("@id", d.iri());
        o.put("url", pageUrl);
        o.put("name", d.summary().title());
        if (d.summary().description() != null) o.put("description", d.summary().description());
        o.put("identifier", d.iri());
        o.put("inLanguage", lang);
        o.put("isAccessibleForFree", true);
        if (!d.summary().keywords().isEmpty()) {
            ArrayNode k = o.putArray("keywords");
            d.summary().keywords().forEach(k::add);
        }
        if (d.license() != null) o.put("license", d.license());
        if (d.summary().publisher() != null) {
            ObjectNode org = o.putObject("creator");
            org.put("@type", "Organization");
            org.put("name", d.summary().publisher());
            if (d.publisherHomepage() != null) org.put("url", d.publisherHomepage());
            o.set("publisher", org.deepCopy());
        }
        if (d.issued() != null) o.put("datePublished", d.issued());
        if (d.modified() != null) o.put("dateModified", d.modified());
        if (d.temporalStart() != null || d.temporalEnd() != null) {
            o.put("temporalCoverage", (d.temporalStart() == null ? ".." : d.temporalStart()) + "/"
                    + (d.temporalEnd() == null ? ".." : d.temporalEnd()));
        }
        ArrayNode dists = o.putArray("distribution");
        for (CatalogService.Distribution dist : d.distributions()) {
            ObjectNode x = dists.addObject();
            x.put("@type", "DataDownload");
            x.put("name", dist.title());
            x.put("encodingFormat", dist.mediaType());
            x.put("contentUrl", dist.url().startsWith("/") ? absoluteBase + dist.url().substring(1) : dist.url());
        }
        ObjectNode catalog = o.putObject("includedInDataCatalog");
        catalog.put("@type", "DataCatalog");
        catalog.put("url", catalogUrl);
        try {
            // "</" would end the <script> element early, and "<!--" or "<script" change how the HTML parser reads it: no
            // markup character is left as it is (the same JSON for a JSON-LD reader)
            return JSON.writeValueAsString(o).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
