package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.vocabulary.RDF;

/**
 * RDF from a table without a mapping, after the W3C Direct Mapping of a table without a primary key:
 * each row is a blank node of class {@code <{base}{table}>}; each non-empty cell gives the literal
 * {@code <{base}{table}#{column}>} (table = file name without extensions, names percent-encoded).
 */
final class DirectMapping {
    private DirectMapping() {}

    static ConversionResult run(Path table, String base, StreamRDF sink) {
        String name = table.getFileName().toString();
        if (base == null) {
            throw new ConversionException(name + ": a conversion without a mapping needs a base IRI (--base)",
                    name, -1, null, "direct mapping", null);
        }
        String tableIri = base + IriSafe.encode(tableName(name));
        try {
            IRIx.create(tableIri);
        } catch (IRIException e) {
            throw new ConversionException("base IRI <" + base + "> makes the invalid IRI <" + tableIri + ">",
                    name, -1, null, "direct mapping", e);
        }
        Node rowClass = NodeFactory.createURI(tableIri);
        long rows = 0;
        long quads = 0;
        try (TableReader reader = TableSources.open(table)) {
            List<Node> properties = new ArrayList<>();
            for (String column : reader.header()) {
                properties.add(NodeFactory.createURI(tableIri + "#" + IriSafe.encode(column)));
            }
            sink.prefix("", tableIri + "#");
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                rows++;
                Node subject = NodeFactory.createBlankNode();
                sink.triple(Triple.create(subject, RDF.type.asNode(), rowClass));
                quads++;
                for (int i = 0; i < properties.size(); i++) {
                    String value = row.value(i);
                    if (value != null) {
                        sink.triple(Triple.create(subject, properties.get(i), NodeFactory.createLiteralString(value)));
                        quads++;
                    }
                }
            }
        } catch (TableSourceException e) {
            throw new ConversionException(e.getMessage(), name, -1, null, "direct mapping", e);
        }
        return new ConversionResult(rows, quads, List.of(table));
    }

    /** {@code data_total.csv.gz} → {@code data_total}. */
    static String tableName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".csv.gz", ".gz", ".csv", ".xlsx", ".xls", ".tsv", ".txt"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return fileName.substring(0, fileName.length() - ext.length());
            }
        }
        return fileName;
    }
}
