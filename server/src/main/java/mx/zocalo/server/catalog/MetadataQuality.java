package mx.zocalo.server.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;

/**
 * A metadata quality score for one dataset record, after the European data portal's Metadata Quality Assessment
 * (MQA): points for findability, accessibility, interoperability, reusability and contextuality, 405 in all, with
 * the MQA's ratings (excellent from 351, good from 221, sufficient from 121). Checks are made on the record
 * itself (the MQA also checks that URLs answer; here the portal serves them, so they count when present). Each
 * missing point comes with a message key saying what to add.
 */
public final class MetadataQuality {
    /** One check: its dimension, the points it gives, whether it passed, and the message key of the advice. */
    public record Check(String dimension, String key, int points, boolean passed) {}

    /** The result: points per dimension (of their maximum), the total, the rating key, and the checks that failed. */
    public record Dimension(String key, int points, int max) {}

    public record Score(int total, int max, String rating, List<Dimension> dimensions, List<Check> missing) {
        public int percent() {
            return Math.round(100f * total / max);
        }
    }

    private static final List<String> OPEN_FORMATS = List.of("CSV", "GZIP", "JSON", "RDF_TURTLE", "RDF_N_TRIPLES", "RDF_N_QUADS",
            "JSON_LD", "RDF_XML", "XML");
    private static final List<String> RDF_FORMATS = List.of("RDF_TURTLE", "RDF_N_TRIPLES", "RDF_N_QUADS", "JSON_LD", "RDF_XML");

    private MetadataQuality() {}

    public static Score of(Graph g, Node dataset) {
        List<Node> dists = objects(g, dataset, DCAT.distribution.asNode());
        List<Check> checks = new ArrayList<>();
        // findability
        checks.add(new Check("findability", "quality.keywords", 30, has(g, dataset, DCAT.keyword.asNode())));
        checks.add(new Check("findability", "quality.themes", 30, has(g, dataset, DCAT.theme.asNode())));
        checks.add(new Check("findability", "quality.spatial", 20, has(g, dataset, DCTerms.spatial.asNode())));
        checks.add(new Check("findability", "quality.temporal", 20, has(g, dataset, DCTerms.temporal.asNode())));
        // accessibility
        checks.add(new Check("accessibility", "quality.accessUrl", 50, !dists.isEmpty() && all(g, dists, DCAT.accessURL.asNode())));
        checks.add(new Check("accessibility", "quality.downloadUrl", 50, !dists.isEmpty() && all(g, dists, DCAT.downloadURL.asNode())));
        // interoperability
        List<String> formats = new ArrayList<>();
        for (Node d : dists) {
            for (Node f : objects(g, d, DCTerms.format.asNode())) {
                if (f.isURI()) formats.add(f.getURI().substring(f.getURI().lastIndexOf('/') + 1));
            }
        }
        checks.add(new Check("interoperability", "quality.format", 20, !dists.isEmpty() && all(g, dists, DCTerms.format.asNode())));
        checks.add(new Check("interoperability", "quality.mediaType", 10, !dists.isEmpty() && all(g, dists, DCAT.mediaType.asNode())));
        checks.add(new Check("interoperability", "quality.openFormat", 20, formats.stream().anyMatch(OPEN_FORMATS::contains)));
        checks.add(new Check("interoperability", "quality.machineReadable", 20, formats.stream().anyMatch(RDF_FORMATS::contains)));
        checks.add(new Check("interoperability", "quality.vocabularies", 10, formats.size() >= dists.size() && !dists.isEmpty()));
        checks.add(new Check("interoperability", "quality.dcatAp", 30, has(g, dataset, DCTerms.title.asNode())
                && has(g, dataset, DCTerms.description.asNode())));
        // reusability
        boolean licence = has(g, dataset, DCTerms.license.asNode()) || !dists.isEmpty() && all(g, dists, DCTerms.license.asNode());
        checks.add(new Check("reusability", "quality.license", 20, licence));
        checks.add(new Check("reusability", "quality.licenseVocabulary", 10, licence && licenceIsKnownDocument(g, dataset, dists)));
        checks.add(new Check("reusability", "quality.accessRights", 10, has(g, dataset, DCTerms.accessRights.asNode())));
        checks.add(new Check("reusability", "quality.accessRightsVocabulary", 5, objects(g, dataset, DCTerms.accessRights.asNode()).stream()
                .anyMatch(n -> n.isURI() && n.getURI().startsWith("http://publications.europa.eu/resource/authority/access-right/"))));
        checks.add(new Check("reusability", "quality.contactPoint", 20, has(g, dataset, DCAT.contactPoint.asNode())));
        checks.add(new Check("reusability", "quality.publisher", 10, has(g, dataset, DCTerms.publisher.asNode())));
        // contextuality
        checks.add(new Check("contextuality", "quality.rights", 5, !dists.isEmpty() && all(g, dists, DCTerms.rights.asNode())));
        checks.add(new Check("contextuality", "quality.byteSize", 5, !dists.isEmpty() && all(g, dists, DCAT.byteSize.asNode())));
        checks.add(new Check("contextuality", "quality.issued", 5, has(g, dataset, DCTerms.issued.asNode())));
        checks.add(new Check("contextuality", "quality.modified", 5, has(g, dataset, DCTerms.modified.asNode())));

        Map<String, int[]> dims = new LinkedHashMap<>();
        int total = 0;
        int max = 0;
        List<Check> missing = new ArrayList<>();
        for (Check c : checks) {
            int[] d = dims.computeIfAbsent(c.dimension(), k -> new int[2]);
            d[1] += c.points();
            max += c.points();
            if (c.passed()) {
                d[0] += c.points();
                total += c.points();
            } else {
                missing.add(c);
            }
        }
        String rating = total >= 351 ? "quality.excellent" : total >= 221 ? "quality.good" : total >= 121 ? "quality.sufficient" : "quality.bad";
        List<Dimension> dimensions = new ArrayList<>();
        dims.forEach((k, v) -> dimensions.add(new Dimension(k, v[0], v[1])));
        return new Score(total, max, rating, dimensions, missing);
    }

    private static boolean licenceIsKnownDocument(Graph g, Node dataset, List<Node> dists) {
        List<Node> licences = new ArrayList<>(objects(g, dataset, DCTerms.license.asNode()));
        dists.forEach(d -> licences.addAll(objects(g, d, DCTerms.license.asNode())));
        return licences.stream().anyMatch(l -> l.isURI() && g.contains(l, org.apache.jena.vocabulary.RDF.type.asNode(),
                DCTerms.LicenseDocument.asNode()));
    }

    private static boolean has(Graph g, Node s, Node p) {
        return g.find(s, p, Node.ANY).hasNext();
    }

    private static boolean all(Graph g, List<Node> subjects, Node p) {
        return subjects.stream().allMatch(s -> has(g, s, p));
    }

    private static List<Node> objects(Graph g, Node s, Node p) {
        return g.find(s, p, Node.ANY).mapWith(t -> t.getObject()).toList();
    }
}
