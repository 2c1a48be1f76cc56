package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mx.zocalo.converter.RowResourceListener;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The resources the first rows of a dataset's original table became, by the line (CSV) or sheet row (Excel) where each
 * row starts: heard from the conversion at publish and kept beside the original file
 * ({@code files/{slug}/preview/resources.tsv}, one {@code line TAB IRI} a row), so that the dataset page can link the
 * rows of its preview to their resource pages without converting anything again.
 */
public final class PreviewResources {
    /** How many first rows the dataset page shows, and so how many rows' resources are kept. */
    public static final int ROWS = 10;
    static final String FOLDER = "preview";
    static final String FILE = "resources.tsv";

    private final Path table;
    private final Map<Long, String> byLine = new TreeMap<>();

    /** Collects the resources of the rows of {@code table} (the original file); those of other tables are left out. */
    PreviewResources(Path table) {
        this.table = table.toAbsolutePath().normalize();
    }

    /** What to give {@link mx.zocalo.converter.Conversion.Builder#rowResources}. */
    RowResourceListener listener() {
        return (source, row, line, resource) -> {
            if (source.toAbsolutePath().normalize().equals(table) && line > 0) byLine.put(line, resource);
        };
    }

    /** The resources heard so far, in line order. */
    java.util.Collection<String> resources() {
        return byLine.values();
    }

    /** Writes those heard into {@code datasetFolder}: the resources {@code graph} has triples about (the others would be 404s). */
    void write(Path datasetFolder, DatasetGraph dsg, Node graph) {
        List<String> lines = new ArrayList<>();
        byLine.forEach((line, iri) -> {
            if (dsg.contains(graph, NodeFactory.createURI(iri), Node.ANY, Node.ANY)) lines.add(line + "\t" + iri);
        });
        try {
            Path folder = Files.createDirectories(datasetFolder.resolve(FOLDER));
            Files.write(folder.resolve(FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the preview's resources into " + datasetFolder, e);
        }
    }

    /**
     * The resources of the first rows of the table kept in {@code datasetFolder}, by line; empty when none were kept
     * (a dataset published before they were, or whose rows became no resources).
     */
    public static Map<Long, String> read(Path datasetFolder) {
        Path file = datasetFolder.resolve(FOLDER).resolve(FILE);
        if (!Files.isRegularFile(file)) return Map.of();
        Map<Long, String> out = new TreeMap<>();
        try {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = l.indexOf('\t');
                if (tab > 0) out.put(Long.parseLong(l.substring(0, tab)), l.substring(tab + 1));
            }
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        }
        return Collections.unmodifiableMap(out);
    }
}
