package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.CatalogRecord;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;

/**
 * {@code /download/{slug}.{ext}}: the original file as published, or the dataset's graph as RDF: the files written after
 * the publish (503 with {@code Retry-After} while they are being prepared), N-Quads streamed from the store.
 */
final class Downloads {
    private static final Node CHECKSUM_VALUE = NodeFactory.createURI("http://spdx.org/rdf/terms#checksumValue");
    private final Store store;
    private final PortalIris iris;
    private final RdfResponses rdf;

    Downloads(Store store, PortalIris iris, RdfResponses rdf) {
        this.store = store;
        this.iris = iris;
        this.rdf = rdf;
    }

    void download(Context ctx) {
        String file = ctx.pathParam("file");
        int dot = file.indexOf('.');
        if (dot <= 0) throw new NotFoundResponse("No download called " + file);
        String slug = file.substring(0, dot);
        String ext = file.substring(dot + 1);
        boolean known = store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.dataset(slug), Node.ANY, Node.ANY));
        if (!known) throw new NotFoundResponse("No dataset called '" + slug + "'");
        RdfDownload format = RdfDownload.byExtension(ext);
        if (ext.equals(CatalogRecord.CSVW_EXTENSION)) {
            Path csvw = store.filesDirectory().resolve(slug).resolve(mx.zocalo.server.publish.DatasetPublisher.CSVW_METADATA);
            if (!Files.isRegularFile(csvw)) throw new NotFoundResponse("No download called " + file);
            ctx.contentType("application/csvm+json");
            ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
            try (InputStream in = Files.newInputStream(csvw)) {
                in.transferTo(ctx.outputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (format != null) {
            rdf(ctx, slug, format, file);
        } else {
            original(ctx, slug, ext, file);
        }
    }

    private void rdf(Context ctx, String slug, RdfDownload format, String fileName) {
        if (format.distribution()) {
            dump(ctx, slug, format, fileName);
            return;
        }
        // N-Quads: the graph streamed from the store on request (one read transaction: one version), never waited for
        ctx.contentType(format.mediaType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        Node graph = iris.datasetGraph(slug);
        OutputStream out = ctx.outputStream();
        store.read(dsg -> {
            StreamRDF w = StreamRDFWriter.getWriterStream(out, format.format());
            w.start();
            dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(w::quad);
            w.finish();
            return null;
        });
    }

    /**
     * A download written after the publish (publish.DownloadJobs): served once its file is in place and the catalog
     * gives its checksum (the ETag; byte ranges served); before that, 503 with {@code Retry-After}.
     */
    private void dump(Context ctx, String slug, RdfDownload format, String fileName) {
        Path dump = store.filesDirectory().resolve(slug).resolve("rdf").resolve(slug + "." + format.ext());
        Node checksum = NodeFactory.createURI(iris.distribution(slug, format.ext()).getURI() + "#checksum");
        String sha = store.read(dsg -> {
            var it = dsg.find(iris.catalogGraph(), checksum, CHECKSUM_VALUE, Node.ANY);
            return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
        });
        if (sha == null || !Files.isRegularFile(dump)) throw new DownloadPreparing(fileName);
        String type = format.mediaType() + (format.mediaType().startsWith("text/") ? "; charset=utf-8" : "");
        VersionDownloads.send(ctx, dump, type, "\"" + sha + "\"", "no-cache", fileName);
    }

    private void original(Context ctx, String slug, String ext, String fileName) {
        Path dir = store.filesDirectory().resolve(slug);
        Path found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.filter(Files::isRegularFile)
                    .filter(p -> CatalogRecord.extension(p.getFileName().toString()).equals(ext)).findFirst()
                    .orElseThrow(() -> new NotFoundResponse("No download called " + fileName));
        } catch (IOException e) {
            throw new NotFoundResponse("No download called " + fileName);
        }
        ctx.contentType(CatalogRecord.guessMediaType(ext) + (ext.equals("csv") ? "; charset=utf-8" : ""));
        ctx.header("Content-Disposition", "attachment; filename=\"" + found.getFileName() + "\"");
        try (InputStream in = Files.newInputStream(found)) {
            in.transferTo(ctx.outputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
