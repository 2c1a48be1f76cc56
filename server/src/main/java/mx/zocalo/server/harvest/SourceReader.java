package mx.zocalo.server.harvest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a catalog from an http(s) URL or a local file: Turtle, RDF/XML, JSON-LD, N-Triples (also TriG and N-Quads,
 * whose graphs are merged), chosen by the response's content type or else by the extension; over HTTP with
 * {@code Accept} negotiation, redirects and time limits. Follows Hydra paging ({@code hydra:next} of a
 * {@code hydra:PartialCollectionView}, or the older {@code hydra:nextPage} of a {@code hydra:PagedCollection}) until
 * a page has no next page, stops when a page links back to one already read, and fails beyond {@code maxPages}.
 */
public final class SourceReader {
    public static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    static final Node NEXT = NodeFactory.createURI(HYDRA + "next");
    static final Node NEXT_PAGE = NodeFactory.createURI(HYDRA + "nextPage");
    static final Node PARTIAL_VIEW = NodeFactory.createURI(HYDRA + "PartialCollectionView");
    static final Node PAGED_COLLECTION = NodeFactory.createURI(HYDRA + "PagedCollection");

    /** What the reader asks servers for, best first. */
    public static final String ACCEPT = "text/turtle, application/ld+json;q=0.9, application/rdf+xml;q=0.8, "
            + "application/n-triples;q=0.7, application/trig;q=0.5, application/n-quads;q=0.5, */*;q=0.1";

    private static final Logger LOG = LoggerFactory.getLogger("zocalo.harvest");

    /** One page read: where it was asked for, where it came from after redirects, its triples. */
    public record Page(String requested, String url, Graph graph) {}

    private final HttpClient http;
    private final Duration timeout;
    private final int maxPages;

    public SourceReader(Duration timeout, int maxPages) {
        if (maxPages < 1) throw new IllegalArgumentException("The page limit must be 1 or more, not " + maxPages);
        this.timeout = timeout;
        this.maxPages = maxPages;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The IRI naming a source: an http(s) URL as given, a file as its absolute {@code file:} URI. */
    public static String sourceIri(String source) {
        if (isHttp(source)) return source;
        if (source.startsWith("file:")) return URI.create(source).normalize().toString();
        return Path.of(source).toAbsolutePath().normalize().toUri().toString();
    }

    static boolean isHttp(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /** Every page of the source, first to last. */
    public List<Page> readAll(String source) {
        List<Page> pages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String next = isHttp(source) ? source : sourceIri(source);
        while (next != null) {
            if (pages.size() == maxPages) {
                throw new HarvestException(source + ": more than " + maxPages + " pages (the next one is " + next
                        + "); raise the page limit to read them all");
            }
            Page page = read(next);
            pages.add(page);
            seen.add(withoutFragment(page.requested()));
            seen.add(withoutFragment(page.url()));
            viewsOf(page.graph()).forEach(v -> seen.add(withoutFragment(v)));
            String following = nextPage(page);
            if (following != null && seen.contains(withoutFragment(following))) {
                LOG.warn("{} links back to {}, already read: stopping there", page.url(), following);
                following = null;
            }
            next = following;
        }
        return pages;
    }

    /** One page, from the web or a file. */
    public Page read(String location) {
        if (isHttp(location)) return fetch(location);
        Path file;
        try {
            file = location.startsWith("file:") ? Path.of(new URI(location)) : Path.of(location);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new HarvestException(location + ": not a file name or an http(s) URL", e);
        }
        if (!Files.isRegularFile(file)) throw new HarvestException(location + ": no such file");
        String iri = file.toAbsolutePath().normalize().toUri().toString();
        Lang lang = RDFLanguages.filenameToLang(file.getFileName().toString(), Lang.TURTLE);
        try (InputStream in = Files.newInputStream(file)) {
            return new Page(location, iri, parse(in, lang, iri, location));
        } catch (IOException e) {
            throw new HarvestException(location + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Page fetch(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new HarvestException(url + ": not a valid URL: " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT)
                .header("User-Agent", "Zocalo-harvester/0.1").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new HarvestException(url + ": no answer within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new HarvestException(url + ": cannot connect (" + reason(e) + ")", e);
        } catch (IOException e) {
            throw new HarvestException(url + ": cannot fetch (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarvestException(url + ": interrupted", e);
        }
        String finalUrl = response.uri().toString();
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String where = finalUrl.equals(url) ? url : url + " (redirected to " + finalUrl + ")";
            throw new HarvestException(where + ": HTTP status " + status);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        Lang lang = langOf(mediaType, finalUrl);
        if (lang == null) {
            throw new HarvestException(finalUrl + ": the answer is " + mediaType + ", not RDF (asked for " + ACCEPT + ")");
        }
        return new Page(url, finalUrl, parse(new ByteArrayInputStream(response.body()), lang, finalUrl, finalUrl));
    }

    /** The syntax for a media type; for a missing or generic one, the URL's extension, else Turtle. Null for HTML. */
    static Lang langOf(String mediaType, String url) {
        if (mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml")) return null;
        if (mediaType.equals("application/json")) return Lang.JSONLD;
        // text/plain and application/octet-stream say nothing: the extension decides, else Turtle (which N-Triples is).
        Lang byType = mediaType.isEmpty() || mediaType.equals("text/plain") ? null : RDFLanguages.contentTypeToLang(mediaType);
        if (byType != null && !byType.equals(Lang.RDFNULL)) return byType;
        String path = URI.create(url).getPath();
        return RDFLanguages.filenameToLang(path == null ? "" : path, Lang.TURTLE);
    }

    private static Graph parse(InputStream in, Lang lang, String base, String where) {
        Graph g = GraphFactory.createDefaultGraph();
        try {
            // Quads (TriG, N-Quads) land in the one graph: a catalog is read as one description.
            RDFParser.source(in).lang(lang).base(base).errorHandler(errors(where)).parse(new StreamRDFBase() {
                @Override
                public void triple(Triple triple) {
                    g.add(triple);
                }

                @Override
                public void quad(Quad quad) {
                    g.add(quad.asTriple());
                }
            });
        } catch (RiotException e) {
            throw new HarvestException(where + ": not readable as " + lang.getLabel() + ": " + e.getMessage(), e);
        }
        return g;
    }

    private static ErrorHandler errors(String where) {
        return new ErrorHandler() {
            @Override
            public void warning(String message, long line, long col) {
                LOG.warn("{} line {}: {}", where, line, message);
            }

            @Override
            public void error(String message, long line, long col) {
                throw new RiotException("line " + line + ", column " + col + ": " + message);
            }

            @Override
            public void fatal(String message, long line, long col) {
                throw new RiotException("line " + line + ", column " + col + ": " + message);
            }
        };
    }

    /**
     * The page after this one: a {@code hydra:next} (or {@code hydra:nextPage}) whose subject is the page itself, else
     * one on a {@code hydra:PartialCollectionView} or {@code hydra:PagedCollection}, else any; null when there is none.
     */
    static String nextPage(Page page) {
        Graph g = page.graph();
        TreeSet<String> own = new TreeSet<>();
        TreeSet<String> onView = new TreeSet<>();
        TreeSet<String> any = new TreeSet<>();
        for (Node p : List.of(NEXT, NEXT_PAGE)) {
            g.find(Node.ANY, p, Node.ANY).forEachRemaining(t -> {
                if (!t.getObject().isURI()) return;
                String target = t.getObject().getURI();
                Node s = t.getSubject();
                if (s.isURI() && (s.getURI().equals(page.url()) || s.getURI().equals(page.requested()))) own.add(target);
                else if (g.contains(s, RDF.type.asNode(), PARTIAL_VIEW) || g.contains(s, RDF.type.asNode(), PAGED_COLLECTION)) onView.add(target);
                else any.add(target);
            });
        }
        for (TreeSet<String> candidates : List.of(own, onView, any)) {
            if (candidates.isEmpty()) continue;
            if (candidates.size() > 1) LOG.warn("{} names {} next pages {}; following the first", page.url(), candidates.size(), candidates);
            return candidates.first();
        }
        return null;
    }

    /** The IRIs a page gives itself: its {@code hydra:PartialCollectionView} or {@code hydra:PagedCollection}. */
    private static List<String> viewsOf(Graph g) {
        List<String> out = new ArrayList<>();
        for (Node type : List.of(PARTIAL_VIEW, PAGED_COLLECTION)) {
            g.find(Node.ANY, RDF.type.asNode(), type).forEachRemaining(t -> {
                if (t.getSubject().isURI()) out.add(t.getSubject().getURI());
            });
        }
        return out;
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** The most telling message in a chain of causes: "Connection refused", "unknown host", ... */
    private static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
        }
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }
}
