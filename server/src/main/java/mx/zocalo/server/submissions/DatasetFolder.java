package mx.zocalo.server.submissions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Change;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.PublishOutcome;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;

/**
 * An accepted submission becomes a dataset folder, {@code DATA/sources/{slug}/} (dataset.yaml written from the
 * reviewer's {@link Acceptance} and a copy of the file), published by the same {@link DatasetPublisher} as the command
 * line: one write transaction, so a conversion error leaves the store as it was, and then the folder is removed again.
 */
final class DatasetFolder {
    static final String SOURCES = "sources";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private final Store store;
    private final PortalIris iris;
    private final Path sources;

    DatasetFolder(Store store, PortalIris iris, Path dataDirectory) {
        this.store = store;
        this.iris = iris;
        this.sources = dataDirectory.resolve(SOURCES);
    }

    /** Whether {@code slug} is taken: a dataset (published or withdrawn) in the catalog, or a folder under sources/. */
    boolean taken(String slug) {
        if (Files.exists(sources.resolve(slug))) return true;
        Node dataset = iris.dataset(slug);
        return store.read(dsg -> dsg.containsGraph(iris.datasetGraph(slug))
                || dsg.contains(iris.catalogGraph(), dataset, Node.ANY, Node.ANY));
    }

    /** Writes the folder and publishes it; on any failure the folder is removed and the error passed on. */
    PublishOutcome publish(Acceptance a, Path file, TableFile.Kind kind, String by, String note) {
        Path folder = sources.resolve(a.slug());
        try {
            Files.createDirectories(sources);
            Files.createDirectory(folder); // fails if another acceptance took the slug meanwhile
            Files.copy(file, folder.resolve(file.getFileName().toString()));
            Files.writeString(folder.resolve("dataset.yaml"), YAML.writeValueAsString(description(a, file, kind)));
        } catch (IOException e) {
            deleteTree(folder);
            throw new UncheckedIOException("Cannot write the dataset folder " + folder + ": " + e.getMessage(), e);
        }
        try {
            return mx.zocalo.server.ops.PortalMetrics.timedPublish(
                    () -> new DatasetPublisher(store, iris).publish(folder, true, new Change(by, note)));
        } catch (RuntimeException e) {
            deleteTree(folder);
            throw e;
        }
    }

    private static ObjectNode description(Acceptance a, Path file, TableFile.Kind kind) {
        ObjectNode d = YAML.createObjectNode();
        d.put("slug", a.slug());
        d.put("organisation", a.organisation());
        languages(d.putObject("title"), a.titleEs(), a.titleEn());
        if (!a.descriptionEs().isEmpty() || !a.descriptionEn().isEmpty()) {
            languages(d.putObject("description"), a.descriptionEs(), a.descriptionEn());
        }
        d.putObject("publisher").put("name", a.publisherName());
        if (!a.contactName().isEmpty() || !a.contactEmail().isEmpty()) {
            ObjectNode c = d.putObject("contact");
            if (!a.contactName().isEmpty()) c.put("name", a.contactName());
            if (!a.contactEmail().isEmpty()) c.put("email", a.contactEmail());
        }
        if (!a.keywords().isEmpty()) {
            ArrayNode k = d.putObject("keywords").putArray("es");
            a.keywords().forEach(k::add);
        }
        if (!a.license().isEmpty()) d.put("license", a.license());
        if (!a.provenance().isEmpty()) d.putObject("provenance").put("es", a.provenance());
        ObjectNode src = d.putObject("source");
        src.put("file", file.getFileName().toString());
        src.put("mediaType", kind.mediaType());
        return d;
    }

    private static void languages(ObjectNode o, String es, String en) {
        if (!es.isEmpty()) o.put("es", es);
        if (!en.isEmpty()) o.put("en", en);
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) return;
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + folder, e);
        }
    }
}
