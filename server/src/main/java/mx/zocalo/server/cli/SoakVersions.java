package mx.zocalo.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dataset the soak publishes again and again: a real CSV file with two columns added, {@code version} (the
 * number of the portal's version it is published as) and {@code marca} ({@code SOAKVER} and that number), alternating
 * between two shapes: odd versions have every row of the file, even ones leave out every tenth row. Every answer about
 * it can then be checked: all the {@code SOAKVERn} marks it holds must be the same {@code n}, and a count of its rows
 * must be the count of that version's shape.
 */
final class SoakVersions {
    static final String SLUG = "soak-versiones";
    static final Pattern MARK = Pattern.compile("SOAKVER(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The last version whose publish has returned, and the last one whose publish has begun. */
    volatile long published = 1;
    volatile long begun = 1;
    private final Path source;
    final Path folder;
    private final String header;
    private final List<String> lines;

    SoakVersions(Path source, Path folder) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("The file of the republished dataset was not found: " + source.toAbsolutePath() + " (use --versioned-file FILE)");
        }
        this.source = source;
        this.folder = folder;
        List<String> all = Files.readAllLines(source, StandardCharsets.UTF_8);
        if (all.size() < 11) throw new IllegalArgumentException(source + ": at least 10 rows are needed for the republished dataset");
        header = all.get(0);
        lines = all.subList(1, all.size()).stream().filter(l -> !l.isBlank()).toList();
    }

    /** Rows of version {@code n}: all of them for odd versions, every tenth left out for even ones. */
    long rows(long n) {
        return n % 2 == 1 ? lines.size() : lines.size() - (lines.size() + 9) / 10;
    }

    /** Writes version {@code n} into the dataset's folder (its CSV and dataset.yaml), ready for the publisher. */
    Path write(long n) throws IOException {
        Files.createDirectories(folder);
        StringBuilder csv = new StringBuilder(header).append(",version,marca\n");
        for (int i = 0; i < lines.size(); i++) {
            if (n % 2 == 0 && i % 10 == 0) continue;
            csv.append(lines.get(i)).append(',').append(n).append(",SOAKVER").append(n).append('\n');
        }
        Files.writeString(folder.resolve("filas.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("dataset.yaml"), """
                slug: %s
                title: {es: "Datos republicados cada minuto durante la prueba de carga", en: "Data republished every minute during the soak"}
                description: {es: "Las filas de %s; cada versión las marca con su número.", en: "The rows of %s; each version marks them with its number."}
                publisher: {name: "Prueba de carga"}
                contact: {name: "Datos Abiertos", email: "datos@example.org"}
                themes: [GOVE]
                license: "https://creativecommons.org/licenses/by/4.0/"
                source: {file: filas.csv, mediaType: text/csv}
                issued: 2024-05-01
                """.formatted(SLUG, source.getFileName(), source.getFileName()), StandardCharsets.UTF_8);
        return folder;
    }

    /**
     * An answer's problem when its marks are of a version older than the last one published before it was asked, or
     * newer than the last one begun when it came back: a stale answer (a cache or an index behind the store), or one
     * from nowhere. Null for an answer without marks.
     */
    static String stale(HttpResponse<byte[]> r, long publishedBefore, long begunAfter) {
        if (r.statusCode() / 100 != 2) return null;
        for (long v : marks(r.body())) {
            if (v < publishedBefore || v > begunAfter) {
                return r.request().uri() + " answered version " + v + " when versions " + publishedBefore + " to " + begunAfter + " were possible";
            }
        }
        return null;
    }

    /** The distinct version marks in a body. */
    static Set<Long> marks(byte[] body) {
        Set<Long> seen = new TreeSet<>();
        Matcher m = MARK.matcher(new String(body, StandardCharsets.ISO_8859_1)); // the mark is ASCII: no need to decode
        while (m.find()) seen.add(Long.parseLong(m.group(1)));
        return seen;
    }

    /** An answer's problem when it holds marks of two versions or more; null for a 2xx answer with one mark (or none). */
    static String mixed(HttpResponse<byte[]> r) {
        if (r.statusCode() / 100 != 2) return null;
        Set<Long> seen = marks(r.body());
        return seen.size() > 1 ? r.request().uri() + " holds versions " + seen : null;
    }

    /** Rows of the row API: one version's marks, and the total (X-Total-Count) of that version. */
    SoakRoute.Check rowsWithTotal() {
        return r -> {
            String mixed = mixed(r);
            if (mixed != null || r.statusCode() != 200) return mixed;
            Set<Long> seen = marks(r.body());
            long total = r.headers().firstValueAsLong("X-Total-Count").orElse(-1);
            if (seen.size() == 1 && total != rows(seen.iterator().next())) {
                return r.request().uri() + ": rows of version " + seen + " with a total of " + total + " (that version has " + rows(seen.iterator().next()) + ")";
            }
            return null;
        };
    }

    /**
     * A count of the rows by mark (the row API's group by, or SPARQL's GROUP BY in JSON): exactly one group, whose count
     * is that version's.
     */
    SoakRoute.Check oneGroup() {
        return r -> {
            if (r.statusCode() != 200) return null;
            Set<Long> seen = marks(r.body());
            if (seen.size() != 1) return r.request().uri() + ": " + (seen.isEmpty() ? "no version" : "versions " + seen) + " in a count by version";
            long v = seen.iterator().next();
            List<Long> counts = new ArrayList<>();
            try {
                JsonNode root = JSON.readTree(r.body());
                JsonNode rows = root.has("results") ? root.path("results").path("bindings") : root;
                for (JsonNode row : rows) {
                    JsonNode n = row.path("n");
                    counts.add(n.isObject() ? Long.parseLong(n.path("value").asText()) : n.asLong());
                }
            } catch (IOException | NumberFormatException e) {
                return r.request().uri() + ": not a count by version: " + e.getMessage();
            }
            return counts.equals(List.of(rows(v))) ? null
                    : r.request().uri() + ": version " + v + " counted " + counts + " rows (it has " + rows(v) + ")";
        };
    }
}
