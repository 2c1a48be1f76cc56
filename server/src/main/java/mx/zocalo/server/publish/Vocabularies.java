package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the portal's Turtle vocabularies (classpath {@code zocalo/vocabularies/*.ttl}, IRIs relative to the
 * portal base) into the graph {@code {base}graph/vocabularies}, replacing what was there.
 */
public final class Vocabularies {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.publish");
    private static final String FOLDER = "zocalo/vocabularies";

    private Vocabularies() {}

    public static int load(Store store, PortalIris iris) {
        List<String> names = resourceNames();
        Graph all = graph(iris);
        Node g = iris.vocabularyGraph();
        store.write(dsg -> {
            dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
            all.find().forEach(t -> dsg.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
        });
        LOG.info("loaded {} vocabulary files, {} triples", names.size(), all.size());
        return names.size();
    }

    /** The bundled vocabularies, as {@link #load} writes them into the store: labels of themes, licences, classes. */
    public static Graph graph(PortalIris iris) {
        Graph all = GraphFactory.createDefaultGraph();
        for (String name : resourceNames()) {
            try (InputStream in = Vocabularies.class.getClassLoader().getResourceAsStream(FOLDER + "/" + name)) {
                RDFParser.source(in).lang(Lang.TURTLE).base(iris.base()).parse(all);
            } catch (IOException | RuntimeException e) {
                LOG.warn("vocabulary {} not loaded: {}", name, e.getMessage());
            }
        }
        return all;
    }

    private static List<String> resourceNames() {
        URL url = Vocabularies.class.getClassLoader().getResource(FOLDER);
        if (url == null) return List.of();
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Collections.emptyMap());
                }
                return list(fs.getPath(FOLDER));
            }
            return list(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            LOG.warn("cannot list vocabularies at {}: {}", url, e.getMessage());
            return List.of();
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ttl")).sorted().forEach(out::add);
            return out;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
