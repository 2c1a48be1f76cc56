package mx.zocalo.server.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.server.catalog.CatalogRecord;
import mx.zocalo.server.catalog.DatasetDescription;
import mx.zocalo.server.catalog.DescriptionException;
import mx.zocalo.server.catalog.DescriptionReader;
import mx.zocalo.server.catalog.MetadataQuality;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;

/**
 * Publishes a dataset sent from the browser or the API: its fields, the upload, the publisher's corrections (header
 * row, sheet, id column) and an optional mapping become a dataset folder {@code DATA/sources/{slug}/} (dataset.yaml,
 * the original, the mapping), published by the SAME {@link DatasetPublisher} as {@code zocalo publish}. Atomic: the new
 * folder is written beside the old one and swapped in only once the publish succeeded; a failure leaves the old version
 * served and the old folder as it was. Who may do it is the handlers' business ({@code web.Access}).
 */
public final class WebPublication {
    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
    private static final Pattern FIELD = Pattern.compile("field '([^']+)'");

    /** What is published: the dataset's slug, its fields, the upload (null: keep the current file), the mapping (null: none, or keep). */
    public record Request(String slug, ObjectNode metadata, Upload.Staged upload, Mapping mapping, String organisation, Change change) {}

    /** A mapping file: its text and whether it is YAML (else RML Turtle). */
    public record Mapping(String text, boolean yaml) {
        public static Mapping of(String text) {
            String t = text.strip();
            boolean turtle = t.startsWith("@prefix") || t.startsWith("PREFIX") || t.startsWith("@base") || t.contains("rml:") && t.contains("<");
            return new Mapping(text, !turtle);
        }

        String fileName() {
            return yaml ? "mapping.yaml" : "mapping.rml.ttl";
        }
    }

    /** What a publish did, for the report page and the API. */
    public record Report(String slug, long rows, long triples, long millis, boolean skipped, String page) {}

    /** Whether {@code slug} is in the catalog (live or withdrawn) and the organisation that owns it (null: admins only). */
    public record Existing(boolean live, String organisation) {}

    private final Store store;
    private final PortalIris iris;
    private final Path sources;
    private final DatasetPublisher publisher;
    private final Function<String, String> organisationNames;
    /** One publish or unpublish of a slug at a time (they share the staging folders of the slug). */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param organisationNames the display name of an organisation slug (the dataset's publisher when its fields name
     *                          none); the slug itself when it has none
     */
    public WebPublication(Store store, PortalIris iris, Path dataDirectory, Function<String, String> organisationNames) {
        this.store = store;
        this.iris = iris;
        this.sources = dataDirectory.resolve("sources");
        this.publisher = new DatasetPublisher(store, iris);
        this.organisationNames = organisationNames;
    }

    public Path folder(String slug) {
        return sources.resolve(checkSlug(slug));
    }

    /** The dataset {@code slug} as the catalog and the sources folder know it; empty when it never was published. */
    public Optional<Existing> existing(String slug) {
        checkSlug(slug);
        Node[] org = new Node[1];
        boolean[] known = new boolean[2];
        store.read(dsg -> {
            Graph g = dsg.getGraph(iris.catalogGraph());
            known[0] = g.contains(iris.catalog(), DCAT.dataset.asNode(), iris.dataset(slug));
            known[1] = g.find(iris.dataset(slug), Node.ANY, Node.ANY).hasNext();
            var it = g.find(iris.record(slug), iris.term("organisation"), Node.ANY);
            if (it.hasNext()) org[0] = it.next().getObject();
            return null;
        });
        Path yaml = sources.resolve(slug).resolve("dataset.yaml");
        String owner = org[0] != null ? org[0].getLiteralLexicalForm()
                : Files.isRegularFile(yaml) ? DatasetYaml.read(yaml).path("organisation").asText(null) : null;
        if (!known[0] && !known[1] && !Files.isRegularFile(yaml)) return Optional.empty();
        return Optional.of(new Existing(known[0], owner));
    }

    /** The fields of the dataset as published from the web (empty for one published otherwise). */
    public Optional<ObjectNode> fields(String slug) {
        Path yaml = folder(slug).resolve("dataset.yaml");
        return Files.isRegularFile(yaml) ? Optional.of(DatasetYaml.read(yaml)) : Optional.empty();
    }

    /** Publishes (a new dataset, or a new version of one); on any failure nothing served or kept changes. */
    public Report publish(Request r) {
        synchronized (locks.computeIfAbsent(checkSlug(r.slug()), k -> new Object())) {
            return publishLocked(r);
        }
    }

    private Report publishLocked(Request r) {
        String slug = r.slug();
        DatasetYaml.check(r.metadata());
        Path current = sources.resolve(slug);
        Path next = sources.resolve("." + slug + "." + UUID.randomUUID() + ".new");
        try {
            Files.createDirectories(next);
            String fileName;
            String mediaType;
            if (r.upload() != null) {
                fileName = r.upload().file().getFileName().toString();
                mediaType = r.upload().kind().mediaType();
                Files.copy(r.upload().file(), next.resolve(fileName));
            } else {
                ObjectNode old = fields(slug).orElseThrow(() -> new UploadProblem(422,
                        "No file: a dataset not published from the web needs its file with each new version", "file"));
                fileName = old.path("source").path("file").asText();
                mediaType = old.path("source").path("mediaType").asText(null);
                Files.copy(current.resolve(fileName), next.resolve(fileName));
            }
            String mappingName = null;
            if (r.mapping() != null) {
                mappingName = r.mapping().fileName();
                Files.writeString(next.resolve(mappingName), r.mapping().text(), StandardCharsets.UTF_8);
            }
            ObjectNode given = r.metadata().deepCopy();
            if (given.path("publisher").isMissingNode() && r.organisation() != null) {
                given.putObject("publisher").put("name", organisationNames.apply(r.organisation()));
            }
            DatasetYaml.write(DatasetYaml.complete(given, slug, r.organisation(), fileName, mediaType, mappingName),
                    next.resolve("dataset.yaml"));
            PublishOutcome o;
            try {
                o = publishFolder(next, r.change());
            } catch (DescriptionException e) {
                throw problem(e, next, fileName);
            } catch (ConversionException e) {
                throw new UploadProblem(422, clean(e.getMessage(), next), e.file() == null ? fileName : Path.of(e.file()).getFileName().toString(),
                        e.row(), e.column(), null, 0, e);
            } catch (TableSourceException e) {
                throw new UploadProblem(422, clean(e.getMessage(), next), fileName, -1, null, "file", 0, e);
            }
            swap(next, current);
            return new Report(slug, o.rows(), o.triples(), o.millis(), o.skipped(), iris.base() + "dataset/" + slug);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dataset folder of " + slug, e);
        } finally {
            if (Files.exists(next)) DatasetPublisher.deleteTree(next);
        }
    }

    /** The ONE call of the publisher for web publishes. */
    private PublishOutcome publishFolder(Path folder, Change change) {
        return mx.zocalo.server.ops.PortalMetrics.timedPublish(() -> publisher.publish(folder, true, change));
    }

    /** Withdraws {@code slug} as {@code zocalo unpublish} does; its source folder stays (it remembers the owner). */
    public Unpublisher.Outcome unpublish(String slug) {
        synchronized (locks.computeIfAbsent(checkSlug(slug), k -> new Object())) {
            return new Unpublisher(store, iris).unpublish(slug);
        }
    }

    /** The metadata-quality score the record of these fields would get, with {@code file} as its original. */
    public MetadataQuality.Score score(ObjectNode metadata, String slug, Path file) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("zocalo-score");
            ObjectNode given = metadata.deepCopy();
            given.remove("views");
            String s = slug == null || !SLUG.matcher(slug).matches() ? "vista-previa" : slug;
            DatasetYaml.write(DatasetYaml.complete(given, s, null, file.toAbsolutePath().toString(), null, null), tmp.resolve("dataset.yaml"));
            DatasetDescription d = DescriptionReader.read(tmp);
            Graph g = GraphFactory.createDefaultGraph();
            CatalogRecord.build(iris, d, new CatalogRecord.Statistics(0, 0, file.getFileName().toString(), "", java.time.Instant.now(), null))
                    .forEach(g::add);
            return MetadataQuality.of(g, iris.dataset(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DescriptionException e) {
            throw problem(e, tmp, file.getFileName().toString());
        } finally {
            if (tmp != null) DatasetPublisher.deleteTree(tmp);
        }
    }

    private static void swap(Path next, Path current) throws IOException {
        Path old = current.resolveSibling("." + current.getFileName() + "." + UUID.randomUUID() + ".old");
        if (Files.exists(current)) Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(next, current, StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(old)) DatasetPublisher.deleteTree(old);
    }

    private static UploadProblem problem(DescriptionException e, Path folder, String fileName) {
        Matcher m = FIELD.matcher(e.getMessage());
        String field = m.find() ? m.group(1) : null;
        return new UploadProblem(422, clean(e.getMessage(), folder), "dataset.yaml", -1, null, field, 0, e);
    }

    /** A message without the server's paths. */
    private static String clean(String message, Path folder) {
        if (message == null) return "";
        return message.replace(folder.toAbsolutePath() + "/", "").replace(folder.toAbsolutePath().toString(), "")
                .replace(folder + "/", "").replace(folder.toString(), "");
    }

    static String checkSlug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new UploadProblem(422, "The identifier (slug) is lowercase letters, digits and hyphens, not '" + slug + "'", "slug");
        }
        return slug;
    }
}
