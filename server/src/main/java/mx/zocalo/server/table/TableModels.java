package mx.zocalo.server.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The table model of a dataset: computed from its graph when it is published ({@link #compute}), kept as
 * {@value #FILE} in the dataset's folder of the data directory ({@code files/{slug}/tables.json}), read by the row API,
 * and recomputed for data published before it existed by {@link #rebuild} ({@code ./zocalo tables rebuild}).
 *
 * <pre>{@code
 * store.write(dsg -> { ...; TableModels.write(TableModels.compute(dsg, graph), stagedFolder); });
 * List<Table> tables = TableModels.read(store.filesDirectory().resolve(slug)).orElseThrow();
 * }</pre>
 */
public final class TableModels {
    /** The file name of the table model in a dataset's folder. */
    public static final String FILE = "tables.json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableModels() {}

    /** The tables of the dataset graph {@code graph}, the most numerous class first; inside the caller's transaction. */
    public static List<Table> compute(DatasetGraph dsg, Node graph) {
        return TableScan.scan(dsg, graph);
    }

    /** Writes {@code tables} as {@code folder/tables.json} (through a temporary file, renamed). */
    public static void write(List<Table> tables, Path folder) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode list = root.putArray("tables");
        for (Table t : tables) {
            ObjectNode o = list.addObject();
            o.put("class", t.classIri());
            o.put("name", t.name());
            o.set("labels", JSON.valueToTree(t.labels()));
            o.put("rows", t.rows());
            if (t.coordinates() != null) {
                ObjectNode c = o.putObject("coordinates");
                if (t.coordinates().wkt()) c.set("wktPath", JSON.valueToTree(t.coordinates().wktPath()));
                else c.put("latitude", t.coordinates().latitudeColumn()).put("longitude", t.coordinates().longitudeColumn());
            }
            ArrayNode cols = o.putArray("columns");
            for (Column c : t.columns()) {
                ObjectNode col = cols.addObject();
                col.put("name", c.name()).put("property", c.property()).put("language", c.language())
                        .put("datatype", c.type().apiName()).put("rows", c.rows()).put("multiValued", c.multiValued());
                col.set("labels", JSON.valueToTree(c.labels()));
                if (c.labelLanguage() != null) col.put("labelLanguage", c.labelLanguage());
                if (c.labelGraph() != null) col.put("labelGraph", c.labelGraph());
            }
        }
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, ".tables", ".json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the table model " + folder.resolve(FILE), e);
        }
    }

    /** The tables kept in {@code folder/tables.json}; empty when there is no such file (or it is of an older format). */
    public static Optional<List<Table>> read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.path("format").asInt() != FORMAT) return Optional.empty();
            List<Table> out = new ArrayList<>();
            for (JsonNode o : root.path("tables")) {
                List<Column> cols = new ArrayList<>();
                for (JsonNode c : o.path("columns")) {
                    cols.add(new Column(c.path("name").asText(), c.path("property").asText(), c.path("language").asText(""),
                            ColumnType.ofApiName(c.path("datatype").asText()), strings(c.path("labels")), c.path("rows").asLong(),
                            c.path("multiValued").asBoolean(), c.hasNonNull("labelLanguage") ? c.get("labelLanguage").asText() : null,
                            c.hasNonNull("labelGraph") ? c.get("labelGraph").asText() : null));
                }
                Table.Coordinates coordinates = null;
                JsonNode co = o.path("coordinates");
                if (co.isObject()) {
                    List<String> path = new ArrayList<>();
                    co.path("wktPath").forEach(p -> path.add(p.asText()));
                    coordinates = new Table.Coordinates(co.path("latitude").asText(null), co.path("longitude").asText(null), path);
                }
                out.add(new Table(o.path("class").asText(), o.path("name").asText(), strings(o.path("labels")),
                        o.path("rows").asLong(), cols, coordinates));
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the table model " + file + " (./zocalo tables rebuild writes it again): "
                    + e.getMessage(), e);
        }
    }

    /** Recomputes the table model of the published dataset {@code slug} from the store and writes it to its folder. */
    public static List<Table> rebuild(Store store, PortalIris iris, String slug) {
        List<Table> tables = store.read(dsg -> compute(dsg, iris.datasetGraph(slug)));
        write(tables, store.filesDirectory().resolve(slug));
        return tables;
    }

    /** The slugs of the datasets published here with data (a graph of their own), in order. */
    public static List<String> published(Store store, PortalIris iris) {
        String prefix = iris.dataset("").getURI();
        return store.read(dsg -> {
            java.util.TreeSet<String> slugs = new java.util.TreeSet<>();
            dsg.find(iris.catalogGraph(), Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(),
                    org.apache.jena.vocabulary.DCAT.Dataset.asNode()).forEachRemaining(q -> {
                Node d = q.getSubject();
                if (!d.isURI() || !d.getURI().startsWith(prefix)) return;
                String slug = d.getURI().substring(prefix.length());
                if (slug.isEmpty() || slug.contains("/")) return;
                if (dsg.find(iris.datasetGraph(slug), Node.ANY, Node.ANY, Node.ANY).hasNext()) slugs.add(slug);
            });
            return new ArrayList<>(slugs);
        });
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> m = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }
}
