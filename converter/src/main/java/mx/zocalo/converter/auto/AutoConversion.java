package mx.zocalo.converter.auto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.ProgressListener;
import mx.zocalo.converter.RowResourceListener;
import mx.zocalo.converter.geo.Coordinates;
import mx.zocalo.converter.rml.IriSafe;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;

/** The triples of an {@link AutoMapping}: the class and property descriptions, then each row with its label. */
final class AutoConversion {
    /** What a row's IRI gets for its geometry's. */
    static final String GEOMETRY = "/geometry";
    static final String WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#";
    static final String GEO = "http://www.opengis.net/ont/geosparql#";

    private AutoConversion() {}

    /** The class and property descriptions. */
    static List<Triple> schema(AutoMapping m) {
        List<Triple> out = new ArrayList<>();
        Node rowClass = NodeFactory.createURI(m.classIri());
        out.add(Triple.create(rowClass, RDF.type.asNode(), RDFS.Class.asNode()));
        out.add(Triple.create(rowClass, RDFS.label.asNode(), NodeFactory.createLiteralLang(AutoMapping.CLASS_NAME, "es")));
        for (ColumnProfile c : m.columns()) {
            Node p = NodeFactory.createURI(m.propertyIri(c));
            out.add(Triple.create(p, RDF.type.asNode(), RDF.Property.asNode()));
            if (!c.labelEs().isBlank()) {
                out.add(Triple.create(p, RDFS.label.asNode(), NodeFactory.createLiteralLang(c.labelEs(), "es")));
            }
            if (c.labelEn() != null) {
                out.add(Triple.create(p, RDFS.label.asNode(), NodeFactory.createLiteralLang(c.labelEn(), "en")));
            }
            out.add(Triple.create(p, RDFS.range.asNode(), NodeFactory.createURI(c.type().iri())));
        }
        return out;
    }

    /** See {@link AutoMapping#run}. */
    static ConversionResult run(AutoMapping m, StreamRDF sink, ProgressListener progress, int firstRows,
            RowResourceListener rowResources) {
        Path table = m.table();
        String file = table.getFileName().toString();
        sink.prefix("", m.vocabulary());
        sink.prefix("rdf", RDF.getURI());
        sink.prefix("rdfs", RDFS.getURI());
        sink.prefix("xsd", XSD.NS);
        Node type = RDF.type.asNode();
        Node label = RDFS.label.asNode();
        Node rowClass = NodeFactory.createURI(m.classIri());
        long quads = 0;
        for (Triple t : schema(m)) {
            sink.triple(t);
            quads++;
        }
        Node[] properties = new Node[m.headerSize()];
        Datatype[] datatypes = new Datatype[m.headerSize()];
        for (ColumnProfile c : m.columns()) {
            properties[c.index()] = NodeFactory.createURI(m.propertyIri(c));
            datatypes[c.index()] = new Datatype(c.type());
        }
        ColumnProfile id = m.idColumn();
        PointColumns.Pair points = m.points();
        if (points != null) {
            sink.prefix("wgs84", WGS84);
            sink.prefix("geo", GEO);
        }
        RowLabel rowLabel = m.label();
        String prefix = m.rowPrefix();
        long size = size(table);
        long n = 0;
        List<FirstRow> first = new ArrayList<>();
        try (TableReader reader = TableSources.open(table, m.options())) {
            if (reader.header().size() != m.headerSize()) {
                throw changed(file);
            }
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                n++;
                String local = id == null ? "row/" + n : IriSafe.encode(nonNull(row.value(id.index()), file));
                Node subject = NodeFactory.createURI(prefix + local);
                if (n <= firstRows) {
                    first.add(new FirstRow(n, row.line(), subject.getURI()));
                }
                sink.triple(Triple.create(subject, type, rowClass));
                quads++;
                if (rowLabel.byRowNumber()) {
                    sink.triple(Triple.create(subject, label, NodeFactory.createLiteralLang("Fila " + n, RowLabel.LANGUAGE)));
                    sink.triple(Triple.create(subject, label, NodeFactory.createLiteralLang("Row " + n, "en")));
                    quads += 2;
                } else {
                    String text = rowLabel.of(row);
                    if (text != null) {
                        sink.triple(Triple.create(subject, label, NodeFactory.createLiteralLang(text, RowLabel.LANGUAGE)));
                        quads++;
                    }
                }
                for (ColumnProfile c : m.columns()) {
                    String value;
                    try {
                        value = c.canonical(row.value(c.index()));
                    } catch (RuntimeException e) {
                        throw changed(file);
                    }
                    if (value != null) {
                        sink.triple(Triple.create(subject, properties[c.index()], datatypes[c.index()].literal(value)));
                        quads++;
                    }
                }
                if (points != null) {
                    quads += point(sink, subject, row, points);
                }
                if (n % ProgressListener.EVERY_ROWS == 0) {
                    progress.progress(n, reader.bytesRead(), size);
                }
            }
            progress.progress(n, reader.bytesRead(), size);
        } catch (TableSourceException e) {
            throw new ConversionException(e.getMessage(), file, -1, null, "automatic mapping", e);
        }
        if (n != m.rows()) {
            throw changed(file);
        }
        first.forEach(r -> rowResources.rowResource(table, r.number(), r.line(), r.resource()));
        return new ConversionResult(n, quads, List.of(table));
    }

    private static final Node LAT = NodeFactory.createURI(WGS84 + "lat");
    private static final Node LONG = NodeFactory.createURI(WGS84 + "long");
    private static final Node HAS_GEOMETRY = NodeFactory.createURI(GEO + "hasGeometry");
    private static final Node AS_WKT = NodeFactory.createURI(GEO + "asWKT");
    private static final org.apache.jena.datatypes.RDFDatatype WKT = org.apache.jena.datatypes.TypeMapper.getInstance()
            .getSafeTypeByName(GEO + "wktLiteral");

    /**
     * The row's point, when both its coordinates read as such (the others were reported by {@link PointColumns}): WGS84
     * decimals and a geometry with its WKT. Returns the number of triples.
     */
    private static int point(StreamRDF sink, Node subject, TableRow row, PointColumns.Pair points) {
        java.math.BigDecimal lat;
        java.math.BigDecimal lon;
        try {
            lat = Coordinates.read(row.value(points.latitude().index()), Coordinates.Axis.LATITUDE);
            lon = Coordinates.read(row.value(points.longitude().index()), Coordinates.Axis.LONGITUDE);
        } catch (IllegalArgumentException e) {
            return 0;
        }
        if (lat == null || lon == null) {
            return 0;
        }
        Node geometry = NodeFactory.createURI(subject.getURI() + GEOMETRY);
        sink.triple(Triple.create(subject, LAT, NodeFactory.createLiteralDT(Coordinates.lexical(lat), XSDDatatype.XSDdecimal)));
        sink.triple(Triple.create(subject, LONG, NodeFactory.createLiteralDT(Coordinates.lexical(lon), XSDDatatype.XSDdecimal)));
        sink.triple(Triple.create(subject, HAS_GEOMETRY, geometry));
        sink.triple(Triple.create(geometry, AS_WKT, NodeFactory.createLiteralDT(Coordinates.wktPoint(lon, lat), WKT)));
        return 4;
    }

    private record FirstRow(long number, long line, String resource) {}

    private static String nonNull(String value, String file) {
        if (value == null) {
            throw changed(file);
        }
        return value;
    }

    private static ConversionException changed(String file) {
        return new ConversionException(file + ": the table changed while it was being converted; run again");
    }

    private record Datatype(ColumnType type) {
        Node literal(String lexical) {
            return type == ColumnType.STRING ? NodeFactory.createLiteralString(lexical) : NodeFactory.createLiteralDT(lexical, type.xsd());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
