package mx.zocalo.server.publish;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.CatalogRecord.FileFacts;
import mx.zocalo.server.catalog.RdfDownload;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Writes a dataset's graph once, after its publish ({@link DownloadJobs}), in each download format ({@code {slug}.ttl},
 * {@code .nt}, {@code .jsonld}, {@code .rdf}; N-Quads is streamed from the store on request), measuring each file's
 * size and SHA-256 for the catalog. Every writer
 * streams (JSON-LD by a small writer of its own: a flat {@code @graph} of node objects, one per subject), so memory
 * does not grow with the graph.
 */
public final class Dumps {
    /** The folder, inside a dataset's files folder, that holds the dumps. */
    static final String FOLDER = "rdf";

    private Dumps() {}

    /**
     * Writes the graph in format {@code f} to {@code file}: first beside it ({@code .{name}.tmp}), renamed into place
     * when complete, so a file present under its name is always whole. Stops (and removes the partial file) when the
     * thread is interrupted.
     *
     * @param predicates the graph's predicates (from its VoID figures), so RDF/XML needs no extra pass to name them
     */
    static FileFacts write(DatasetGraph dsg, Node graph, RdfDownload f, Path file, PrefixMapping prefixes,
            java.util.Collection<String> predicates) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            FileFacts facts = write(tmp, out -> write(dsg, graph, f, out, prefixes, predicates));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return facts;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next start removes it
            }
            if (e instanceof RuntimeException r) throw r;
            throw new UncheckedIOException("Cannot write " + file, (IOException) e);
        }
    }

    /** The prefixes of Turtle downloads: the usual vocabularies and the portal's. */
    static PrefixMapping prefixes(mx.zocalo.server.catalog.PortalIris iris) {
        PrefixMapping pm = PrefixMapping.Factory.create();
        pm.setNsPrefixes(PrefixMapping.Standard);
        pm.setNsPrefix("dct", "http://purl.org/dc/terms/");
        pm.setNsPrefix("zocalo", iris.base() + "def/zocalo#");
        pm.setNsPrefix("id", iris.base() + "id/");
        return pm;
    }

    /** Every so many triples a writer checks whether it was asked to stop. */
    private static <T> Iterator<T> stoppable(Iterator<T> it) {
        return new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                if ((++n & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("stopped");
                }
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }
        };
    }

    /** The size and SHA-256 of an existing file. */
    static FileFacts facts(Path file) {
        try (var in = Files.newInputStream(file)) {
            MessageDigest sha = sha256();
            byte[] buf = new byte[1 << 16];
            long n = 0;
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                sha.update(buf, 0, r);
                n += r;
            }
            return new FileFacts(n, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static FileFacts write(Path file, Body body) throws IOException {
        MessageDigest sha = sha256();
        long[] count = {0};
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream counted = new FilterOutputStream(raw) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        count[0] += len;
                    }

                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        count[0]++;
                    }
                };
                OutputStream out = new BufferedOutputStream(new DigestOutputStream(counted, sha), 1 << 16)) {
            body.write(out);
        }
        return new FileFacts(count[0], HexFormat.of().formatHex(sha.digest()));
    }

    private static void write(DatasetGraph dsg, Node graph, RdfDownload f, OutputStream out, PrefixMapping prefixes,
            java.util.Collection<String> predicates)
            throws IOException {
        switch (f) {
            case NTRIPLES, NQUADS, TURTLE -> {
                StreamRDF w = StreamRDFWriter.getWriterStream(out, f.format());
                w.start();
                if (f == RdfDownload.TURTLE) prefixes.getNsPrefixMap().forEach(w::prefix);
                Iterator<Quad> it = stoppable(dsg.find(graph, Node.ANY, Node.ANY, Node.ANY));
                while (it.hasNext()) {
                    Quad q = it.next();
                    if (f == RdfDownload.NQUADS) w.quad(q);
                    else w.triple(q.asTriple());
                }
                w.finish();
            }
            case RDFXML -> {
                if (!rdfxml(dsg.getGraph(graph), predicates, out)) RDFDataMgr.write(out, dsg.getGraph(graph), RDFFormat.RDFXML_PLAIN);
            }
            case JSONLD -> jsonld(dsg.getGraph(graph), out);
        }
        out.flush();
    }

    /** JSON-LD 1.1 in expanded form with a flat @graph: one node object per subject, in the store's order. */
    static void jsonld(Graph g, OutputStream out) throws IOException {
        jsonld(stoppable(g.find()), out);
    }

    /**
     * {@link #jsonld(Graph, OutputStream)} of a graph held in memory (a SPARQL {@code CONSTRUCT} or {@code DESCRIBE}
     * answer), its triples sorted by subject and predicate first so that each subject is one node object. Linear after
     * the sort, where Jena's JSON-LD 1.1 writer (Titanium) compares each value with every value already written for the
     * same subject and predicate: 10,000 values of one property took seconds of a request thread.
     */
    public static void jsonldSorted(Graph g, OutputStream out) throws IOException {
        List<Triple> triples = new ArrayList<>(g.size());
        g.find().forEachRemaining(triples::add);
        java.util.Comparator<Node> byNode = (a, b) -> a.toString().compareTo(b.toString());
        triples.sort(java.util.Comparator.comparing(Triple::getSubject, byNode).thenComparing(Triple::getPredicate, byNode));
        jsonld(triples.iterator(), out);
    }

    private static void jsonld(Iterator<Triple> it, OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeArrayFieldStart("@graph");
            Node subject = null;
            Node predicate = null;
            java.util.Set<Node> predicates = new java.util.HashSet<>();
            while (it.hasNext()) {
                Triple t = it.next();
                if (!t.getSubject().equals(subject) || !t.getPredicate().equals(predicate) && predicates.contains(t.getPredicate())) {
                    // a new subject; or, where the store does not group a subject's triples by predicate, a second
                    // node object for the same subject (JSON-LD merges them) rather than a repeated key
                    predicates.clear();
                    if (subject != null) {
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                    subject = t.getSubject();
                    predicate = null;
                    json.writeStartObject();
                    json.writeStringField("@id", id(subject));
                }
                if (!t.getPredicate().equals(predicate)) {
                    if (predicate != null) json.writeEndArray();
                    predicate = t.getPredicate();
                    predicates.add(predicate);
                    json.writeArrayFieldStart(predicate.getURI());
                }
                Node o = t.getObject();
                json.writeStartObject();
                if (o.isLiteral()) {
                    json.writeStringField("@value", o.getLiteralLexicalForm());
                    if (!o.getLiteralLanguage().isEmpty()) {
                        json.writeStringField("@language", o.getLiteralLanguage());
                    } else if (!XSDDatatype.XSDstring.getURI().equals(o.getLiteralDatatypeURI())) {
                        json.writeStringField("@type", o.getLiteralDatatypeURI());
                    }
                } else {
                    json.writeStringField("@id", id(o));
                }
                json.writeEndObject();
            }
            if (subject != null) {
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /**
     * RDF/XML, streamed: one rdf:Description per run of a subject's triples. Returns false, having written nothing,
     * when a predicate cannot be written as an XML qualified name (its local part would not be an NCName); Jena's
     * writer, which invents namespaces, does those.
     */
    static boolean rdfxml(Graph g, java.util.Collection<String> predicates, OutputStream out) throws IOException {
        if (predicates.isEmpty()) return false;
        Map<String, String> namespaces = new LinkedHashMap<>();
        namespaces.put("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf");
        Map<Node, String[]> names = new java.util.HashMap<>();
        for (String iri : predicates) {
            int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
            while (cut < iri.length() && !ncNameStart(iri.charAt(cut))) cut++;
            String local = iri.substring(cut);
            if (local.isEmpty() || !local.chars().allMatch(c -> ncNameStart((char) c) || c == '-' || c == '.' || Character.isDigit(c))) {
                return false;
            }
            String ns = iri.substring(0, cut);
            String prefix = namespaces.computeIfAbsent(ns, k -> "ns" + namespaces.size());
            names.put(org.apache.jena.graph.NodeFactory.createURI(iri), new String[] {prefix, local, ns});
        }
        javax.xml.stream.XMLStreamWriter xml;
        try {
            xml = javax.xml.stream.XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("rdf", "RDF", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
            for (Map.Entry<String, String> e : namespaces.entrySet()) xml.writeNamespace(e.getValue(), e.getKey());
            Iterator<Triple> it = stoppable(g.find());
            Node subject = null;
            while (it.hasNext()) {
                Triple t = it.next();
                if (!t.getSubject().equals(subject)) {
                    if (subject != null) xml.writeEndElement();
                    subject = t.getSubject();
                    xml.writeCharacters("\n  ");
                    xml.writeStartElement("rdf", "Description", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
                    if (subject.isBlank()) xml.writeAttribute("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "nodeID", "b" + HexFormat.of().formatHex(subject.getBlankNodeLabel().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    else xml.writeAttribute("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "about", subject.getURI());
                }
                String[] name = names.get(t.getPredicate());
                xml.writeCharacters("\n    ");
                Node o = t.getObject();
                if (o.isLiteral()) {
                    xml.writeStartElement(name[0], name[1], name[2]);
                    if (!o.getLiteralLanguage().isEmpty()) {
                        xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", o.getLiteralLanguage());
                    } else if (!XSDDatatype.XSDstring.getURI().equals(o.getLiteralDatatypeURI())) {
                        xml.writeAttribute("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "datatype", o.getLiteralDatatypeURI());
                    }
                    xml.writeCharacters(o.getLiteralLexicalForm());
                    xml.writeEndElement();
                } else {
                    xml.writeEmptyElement(name[0], name[1], name[2]);
                    if (o.isBlank()) xml.writeAttribute("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "nodeID", "b" + HexFormat.of().formatHex(o.getBlankNodeLabel().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    else xml.writeAttribute("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "resource", o.getURI());
                }
            }
            if (subject != null) xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IOException("cannot write RDF/XML: " + e.getMessage(), e);
        }
        return true;
    }

    private static boolean ncNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static String id(Node n) {
        return n.isBlank() ? "_:b" + HexFormat.of().formatHex(n.getBlankNodeLabel().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : n.getURI();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
