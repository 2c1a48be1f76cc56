package mx.zocalo.server.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.CatalogRecord.FileFacts;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * The versions of a dataset in the catalog, as DCAT 3 describes versions (and DCAT-AP 3 validates them): the dataset
 * has {@code dcat:version} (its current number), {@code adms:versionNotes}, {@code dcat:hasCurrentVersion} and
 * {@code dcat:hasVersion} / {@code dct:hasVersion} to every version; each version is a {@code dcat:Dataset}
 * {@code {base}dataset/{slug}/v{n}} with {@code dcat:version}, {@code dct:issued}, {@code adms:versionNotes},
 * {@code dcat:previousVersion}, {@code dct:isVersionOf}, {@code prov:wasAttributedTo} the dataset's publisher (never
 * the e-mail of who published it: that stays in the private history), the row and triple counts, the difference
 * from the previous version ({@code zoc:rowsAdded}, {@code zoc:rowsRemoved}, {@code zoc:rowsChanged}) and, while its
 * files are kept, its distributions ({@code /download/{slug}/v{n}/...}). A version no longer kept says so.
 */
public final class VersionRecord {
    static final String PROV = "http://www.w3.org/ns/prov#";

    /**
     * One version as the private history keeps it: number, when, who (an e-mail or {@code cli:USER}), the change note,
     * counts, the original file and the facts (size, SHA-256) of its files by download extension, the row difference
     * from the previous version (-1 when not computed) and whether its files are still kept.
     */
    public record Version(int number, Instant issued, String by, String note, long rows, long triples,
                          String originalFileName, Map<String, FileFacts> files, boolean stable, long added, long removed,
                          long changed, boolean kept) {
        public Version withKept(boolean k) {
            return new Version(number, issued, by, note, rows, triples, originalFileName, files, stable, added, removed, changed, k);
        }

        /** The original file's extension ({@code csv}, {@code xlsx}, ...). */
        public String originalExtension() {
            return CatalogRecord.extension(originalFileName);
        }
    }

    private final PortalIris iris;
    private final DatasetDescription d;
    private final List<Triple> triples = new ArrayList<>();

    private VersionRecord(PortalIris iris, DatasetDescription d) {
        this.iris = iris;
        this.d = d;
    }

    /** The version IRI {@code {base}dataset/{slug}/v{n}}. */
    public static Node version(PortalIris iris, String slug, int n) {
        return iris.iri("dataset/" + slug + "/v" + n);
    }

    /** The download of a version's file: {@code {base}download/{slug}/v{n}/{slug}.{ext}}. */
    public static Node download(PortalIris iris, String slug, int n, String ext) {
        return iris.iri("download/" + slug + "/v" + n + "/" + slug + "." + ext);
    }

    /** The triples of every version in {@code history} (oldest first; the last one is the current version). */
    public static List<Triple> build(PortalIris iris, DatasetDescription d, List<Version> history) {
        VersionRecord r = new VersionRecord(iris, d);
        if (!history.isEmpty()) r.all(history);
        return r.triples;
    }

    private void all(List<Version> history) {
        String slug = d.slug();
        Node ds = iris.dataset(slug);
        Version current = history.get(history.size() - 1);
        add(ds, NodeFactory.createURI(DCAT.NS + "version"), NodeFactory.createLiteralString(Integer.toString(current.number())));
        if (!current.note().isEmpty()) add(ds, versionNotes(), NodeFactory.createLiteralLang(current.note(), "es"));
        add(ds, NodeFactory.createURI(DCAT.NS + "hasCurrentVersion"), version(iris, slug, current.number()));
        for (Version v : history) {
            Node vn = version(iris, slug, v.number());
            add(ds, NodeFactory.createURI(DCAT.NS + "hasVersion"), vn);
            add(ds, DCTerms.hasVersion.asNode(), vn);
            one(vn, v);
        }
    }

    private void one(Node vn, Version v) {
        String slug = d.slug();
        Node ds = iris.dataset(slug);
        add(vn, RDF.type.asNode(), DCAT.Dataset.asNode());
        add(vn, DCTerms.isVersionOf.asNode(), ds);
        String titleEs = d.title().getOrDefault("es", d.title().values().stream().findFirst().orElse(slug));
        String titleEn = d.title().getOrDefault("en", titleEs);
        add(vn, DCTerms.title.asNode(), NodeFactory.createLiteralLang(titleEs + " (versión " + v.number() + ")", "es"));
        add(vn, DCTerms.title.asNode(), NodeFactory.createLiteralLang(titleEn + " (version " + v.number() + ")", "en"));
        LocalDate day = v.issued().atZone(ZoneOffset.UTC).toLocalDate();
        add(vn, DCTerms.description.asNode(), NodeFactory.createLiteralLang("Versión " + v.number() + " de «" + titleEs
                + "», publicada el " + day + ": " + v.rows() + " renglones, " + v.triples() + " tripletas."
                + (v.kept() ? "" : " Sus archivos ya no se conservan."), "es"));
        add(vn, DCTerms.description.asNode(), NodeFactory.createLiteralLang("Version " + v.number() + " of “" + titleEn
                + "”, published on " + day + ": " + v.rows() + " rows, " + v.triples() + " triples."
                + (v.kept() ? "" : " Its files are no longer kept."), "en"));
        add(vn, NodeFactory.createURI(DCAT.NS + "version"), NodeFactory.createLiteralString(Integer.toString(v.number())));
        add(vn, DCTerms.issued.asNode(), NodeFactory.createLiteralDT(v.issued().toString(), XSDDatatype.XSDdateTime));
        if (!v.note().isEmpty()) add(vn, versionNotes(), NodeFactory.createLiteralLang(v.note(), "es"));
        if (v.number() > 1) add(vn, NodeFactory.createURI(DCAT.NS + "previousVersion"), version(iris, slug, v.number() - 1));
        if (d.publisher() != null) {
            add(vn, NodeFactory.createURI(PROV + "wasAttributedTo"), iris.publisher(CatalogRecord.slugOf(d.publisher().name())));
        }
        add(vn, iris.term("rows"), integer(v.rows()));
        add(vn, iris.term("triples"), integer(v.triples()));
        add(vn, iris.term("kept"), NodeFactory.createLiteralDT(Boolean.toString(v.kept()), XSDDatatype.XSDboolean));
        if (v.number() > 1 && v.stable()) {
            add(vn, iris.term("rowsAdded"), integer(v.added()));
            add(vn, iris.term("rowsRemoved"), integer(v.removed()));
            add(vn, iris.term("rowsChanged"), integer(v.changed()));
        }
        if (v.kept()) distributions(vn, v);
    }

    private void distributions(Node vn, Version v) {
        String slug = d.slug();
        for (Map.Entry<String, FileFacts> f : v.files().entrySet()) {
            String ext = f.getKey();
            RdfDownload rdf = RdfDownload.byExtension(ext);
            boolean original = ext.equals(v.originalExtension());
            boolean csvw = ext.equals(CatalogRecord.CSVW_EXTENSION);
            String mediaType = rdf != null ? rdf.mediaType() : csvw ? "application/csvm+json"
                    : d.source().mediaType() != null ? d.source().mediaType() : CatalogRecord.guessMediaType(ext);
            String label = original ? v.originalFileName() : rdf != null ? rdf.label() : "CSVW";
            file(triples, iris, slug, v.number(), ext, label, mediaType, d.license(), f.getValue());
        }
    }

    /**
     * The distribution of an RDF download of version {@code n}, written after the publish (and linked from the
     * version): the same triples as the version's other files.
     */
    public static List<Triple> dumpDistribution(PortalIris iris, String slug, int n, RdfDownload rdf, String license, FileFacts facts) {
        List<Triple> out = new ArrayList<>();
        file(out, iris, slug, n, rdf.ext(), rdf.label(), rdf.mediaType(), license, facts);
        return out;
    }

    private static void file(List<Triple> out, PortalIris iris, String slug, int n, String ext, String label, String mediaType,
            String license, FileFacts facts) {
        boolean csvw = ext.equals(CatalogRecord.CSVW_EXTENSION);
        Node vn = version(iris, slug, n);
        Node dist = iris.iri("dataset/" + slug + "/v" + n + "/distribution/" + (csvw ? "csvw" : ext));
        out.add(Triple.create(vn, DCAT.distribution.asNode(), dist));
        out.add(Triple.create(dist, RDF.type.asNode(), DCAT.Distribution.asNode()));
        out.add(Triple.create(dist, DCTerms.title.asNode(), NodeFactory.createLiteralString(label + " (v" + n + ")")));
        Node url = download(iris, slug, n, ext);
        out.add(Triple.create(dist, DCAT.downloadURL.asNode(), url));
        out.add(Triple.create(dist, DCAT.accessURL.asNode(), url));
        Node media = NodeFactory.createURI(CatalogRecord.MEDIA_TYPE_BASE + mediaType);
        out.add(Triple.create(dist, DCAT.mediaType.asNode(), media));
        out.add(Triple.create(media, RDF.type.asNode(), DCTerms.MediaType.asNode()));
        String fileType = csvw ? "JSON" : CatalogRecord.fileType(ext);
        if (fileType != null) {
            Node format = NodeFactory.createURI(CatalogRecord.FILE_TYPE_BASE + fileType);
            out.add(Triple.create(dist, DCTerms.format.asNode(), format));
            out.add(Triple.create(format, RDF.type.asNode(), DCTerms.MediaTypeOrExtent.asNode()));
        }
        if (license != null) {
            Node lic = NodeFactory.createURI(license);
            out.add(Triple.create(dist, DCTerms.license.asNode(), lic));
            out.add(Triple.create(lic, RDF.type.asNode(), DCTerms.LicenseDocument.asNode()));
        }
        out.addAll(CatalogRecord.facts(dist, facts));
    }

    private static Node versionNotes() {
        return NodeFactory.createURI(CatalogRecord.ADMS + "versionNotes");
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private void add(Node s, Node p, Node o) {
        triples.add(Triple.create(s, p, o));
    }
}
