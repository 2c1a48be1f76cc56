package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.RowSetStream;

/**
 * What {@code /sparql} answers in: the media types of results (SELECT, ASK) and graphs (CONSTRUCT, DESCRIBE), chosen
 * by the {@code format}/{@code output} parameter or by {@code Accept}, and the writing of an outcome in the one chosen.
 */
final class SparqlFormats {
    static final String JSON = "application/sparql-results+json";
    static final String XML = "application/sparql-results+xml";
    static final String CSV = "text/csv";
    static final String TSV = "text/tab-separated-values";
    static final String HTML = "text/html";
    static final String TURTLE = "text/turtle";
    static final String NTRIPLES = "application/n-triples";
    static final String JSONLD = "application/ld+json";
    static final String RDFXML = "application/rdf+xml";
    static final String NQUADS = "application/n-quads";
    static final String TRIG = "application/trig";

    /** What SELECT and ASK answer in, the default (for {@code * / *}) first. */
    static final List<String> RESULT_TYPES = List.of(JSON, XML, CSV, TSV, HTML, "application/json", "application/xml");
    /** What CONSTRUCT and DESCRIBE answer in. */
    static final List<String> GRAPH_TYPES = List.of(TURTLE, NTRIPLES, JSONLD, RDFXML, NQUADS, TRIG, HTML, RdfResponses.JSON);
    /** The service description (without a query): the workbench for browsers, RDF for the rest. */
    static final List<String> DESCRIPTION_TYPES = List.of(HTML, TURTLE, NTRIPLES, JSONLD, RDFXML, RdfResponses.JSON);

    /** Names of the format parameter, by kind of query. */
    private static final Map<String, String> RESULT_FORMATS = Map.of("json", JSON, "xml", XML, "csv", CSV, "tsv", TSV,
            "html", HTML);
    private static final Map<String, String> GRAPH_FORMATS = Map.ofEntries(
            Map.entry("turtle", TURTLE), Map.entry("ttl", TURTLE), Map.entry("n3", TURTLE),
            Map.entry("nt", NTRIPLES), Map.entry("ntriples", NTRIPLES), Map.entry("n-triples", NTRIPLES),
            Map.entry("json", JSONLD), Map.entry("jsonld", JSONLD), Map.entry("json-ld", JSONLD),
            Map.entry("xml", RDFXML), Map.entry("rdf", RDFXML), Map.entry("rdf+xml", RDFXML), Map.entry("rdfxml", RDFXML),
            Map.entry("nq", NQUADS), Map.entry("nquads", NQUADS), Map.entry("trig", TRIG), Map.entry("html", HTML));

    private SparqlFormats() {}

    /** The type asked for by the format parameter (when it names one), else by {@code Accept}; 406 when none fits. */
    static String choose(Context ctx, boolean results, String format) {
        List<String> offered = results ? RESULT_TYPES : GRAPH_TYPES;
        Map<String, String> formats = results ? RESULT_FORMATS : GRAPH_FORMATS;
        if (format != null) {
            String byName = formats.get(format.toLowerCase(Locale.ROOT));
            if (byName != null) return byName;
            if (offered.contains(format)) return format;
        }
        return ContentNegotiation.choose(ctx.header("Accept"), offered).orElseThrow(() -> new NotAcceptable(offered));
    }

    /**
     * The largest graph answered as compacted JSON-LD (Jena's writer, with the prefixes as context); a larger one is
     * written in expanded form, one node object per subject, in linear time ({@code Dumps.jsonldSorted}): the
     * compacting writer is quadratic in the values of one property.
     */
    static final int JSONLD_COMPACTED_MAX = 1_000;

    /** Writes a gathered outcome in the negotiated type. */
    static void write(Context ctx, SparqlService.Outcome o, String type) {
        ctx.contentType(type + "; charset=utf-8");
        OutputStream out = ctx.outputStream();
        if (o.graph() != null) {
            switch (type) {
                case NQUADS -> RDFWriter.source(DatasetGraphFactory.wrap(o.graph())).format(RDFFormat.NQUADS).output(out);
                case TRIG -> RDFWriter.source(DatasetGraphFactory.wrap(o.graph())).format(RDFFormat.TRIG).output(out);
                case NTRIPLES -> RDFWriter.source(o.graph()).format(RDFFormat.NTRIPLES).output(out);
                case JSONLD, RdfResponses.JSON -> {
                    if (o.graph().size() <= JSONLD_COMPACTED_MAX) {
                        RDFWriter.source(o.graph()).format(RDFFormat.JSONLD).output(out);
                    } else {
                        try {
                            mx.zocalo.server.publish.Dumps.jsonldSorted(o.graph(), out);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                case RDFXML -> RDFWriter.source(o.graph()).format(RDFFormat.RDFXML_PLAIN).output(out);
                default -> RDFWriter.source(o.graph()).format(RDFFormat.TURTLE).output(out);
            }
            return;
        }
        Lang lang = switch (type) {
            case XML, "application/xml" -> ResultSetLang.RS_XML;
            case CSV -> ResultSetLang.RS_CSV;
            case TSV -> ResultSetLang.RS_TSV;
            default -> ResultSetLang.RS_JSON;
        };
        if (type.equals("application/json")) ctx.contentType(JSON + "; charset=utf-8");
        if (type.equals("application/xml")) ctx.contentType(XML + "; charset=utf-8");
        if (o.ask() != null) {
            ResultSetMgr.write(out, o.ask(), lang);
        } else {
            ResultSetMgr.write(out, ResultSet.adapt(RowSetStream.create(o.vars(), o.rows().iterator())), lang);
        }
    }
}
