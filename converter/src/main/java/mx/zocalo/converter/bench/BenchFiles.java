package mx.zocalo.converter.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Files for the benchmark: the mapping from the class path, pointed at an input, and row-limited copies of an input. */
final class BenchFiles {
    static final String MAPPING_RESOURCE = "/zocalo/bench/victimas.rml.ttl";
    private static final String SOURCE_IN_MAPPING = "\"db_victimas_delitos_ent_long.csv.gz\"";

    private BenchFiles() {}

    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Writes the bench mapping into {@code folder}, reading {@code input} (an absolute path). */
    static Path mapping(Path folder, Path input) throws IOException {
        String text;
        try (InputStream in = BenchFiles.class.getResourceAsStream(MAPPING_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + MAPPING_RESOURCE);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = input.toAbsolutePath().normalize().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        if (!text.contains(SOURCE_IN_MAPPING)) {
            throw new IllegalStateException(MAPPING_RESOURCE + " does not name " + SOURCE_IN_MAPPING);
        }
        Path mapping = folder.resolve("victimas.rml.ttl");
        Files.writeString(mapping, text.replace(SOURCE_IN_MAPPING, "\"" + path + "\""));
        return mapping;
    }

    /** The header and first {@code rows} records of {@code input}, as a gzipped CSV in {@code folder}. */
    static Path firstRows(Path input, long rows, Path folder, String name) throws IOException {
        Path out = folder.resolve(name + ".csv.gz");
        try (InputStream in = open(input);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CSVFormat.RFC4180).get();
                OutputStream os = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16));
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180)) {
            long n = -1; // the header is not a row
            for (CSVRecord r : parser) {
                if (n++ >= rows) {
                    break;
                }
                printer.printRecord(r.values());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }
}
