package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Finds the tables of a dataset graph in one pass over its triples, subject by subject: for each class, how many
 * instances it has, and for each property (and language) its instances use, how many of them have a value, whether
 * some have several, and what the values are.
 */
final class TableScan {
    static final String WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#";
    static final String GEO = "http://www.opengis.net/ont/geosparql#";
    private static final Set<String> SCHEMA_SPACES = Set.of(RDF.getURI(), RDFS.getURI(), OWL.getURI());

    /** A column before it is named: a property and the language of its values. */
    private record Key(String property, String language) {}

    /** What the values of one key are, over the rows that have them. */
    private static final class Values {
        long rows;
        boolean multi;
        long iris;
        long blanks;
        final Map<String, Long> datatypes = new HashMap<>();
        final Set<Node> targets = new HashSet<>();
    }

    private static final class ClassStats {
        final String iri;
        long rows;
        final Map<Key, Values> keys = new HashMap<>();

        ClassStats(String iri) {
            this.iri = iri;
        }
    }

    private final DatasetGraph dsg;
    private final Node graph;
    private final Map<Node, List<Node>> typesOf = new HashMap<>();
    private final Map<Node, ClassStats> classes = new LinkedHashMap<>();

    private TableScan(DatasetGraph dsg, Node graph) {
        this.dsg = dsg;
        this.graph = graph;
    }

    /** The tables of {@code graph}, the most numerous first. Runs inside the caller's transaction. */
    static List<Table> scan(DatasetGraph dsg, Node graph) {
        TableScan s = new TableScan(dsg, graph);
        s.readTypes();
        if (!s.passInOrder()) {
            s.classes.values().forEach(c -> {
                c.rows = 0;
                c.keys.clear();
            });
            s.passBySubject();
        }
        return s.tables();
    }

    private void readTypes() {
        Node type = RDF.type.asNode();
        dsg.find(graph, Node.ANY, type, Node.ANY).forEachRemaining(q -> {
            Node c = q.getObject();
            if (!c.isURI() || SCHEMA_SPACES.contains(c.getNameSpace()) || c.getURI().startsWith(OWL.getURI())) return;
            if (!q.getSubject().isURI()) return;
            typesOf.computeIfAbsent(q.getSubject(), k -> new ArrayList<>(1)).add(c);
            classes.computeIfAbsent(c, k -> new ClassStats(k.getURI()));
        });
    }

    /**
     * One pass in the store's order, which keeps each subject's triples together (TDB2's GSPO index does); false, and
     * nothing counted that matters, when a subject comes back after another one.
     */
    private boolean passInOrder() {
        Set<Node> done = new HashSet<>();
        Node current = null;
        List<Quad> triples = new ArrayList<>();
        Iterator<Quad> it = dsg.find(graph, Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            Node s = q.getSubject();
            if (!typesOf.containsKey(s)) continue;
            if (!s.equals(current)) {
                if (current != null) {
                    subject(current, triples);
                    done.add(current);
                }
                if (done.contains(s)) return false;
                current = s;
                triples.clear();
            }
            triples.add(q);
        }
        if (current != null) subject(current, triples);
        return true;
    }

    private void passBySubject() {
        for (Node s : typesOf.keySet()) {
            List<Quad> triples = new ArrayList<>();
            dsg.find(graph, s, Node.ANY, Node.ANY).forEachRemaining(triples::add);
            subject(s, triples);
        }
    }

    /** Counts one row: its values by key, for each of its classes. */
    private void subject(Node s, List<Quad> triples) {
        Map<Key, Integer> counts = new HashMap<>();
        for (Quad q : triples) {
            if (q.getPredicate().equals(RDF.type.asNode())) continue;
            Node o = q.getObject();
            counts.merge(new Key(q.getPredicate().getURI(), o.isLiteral() ? o.getLiteralLanguage() : ""), 1, Integer::sum);
        }
        for (Node c : typesOf.get(s)) {
            ClassStats stats = classes.get(c);
            stats.rows++;
            counts.forEach((k, n) -> {
                Values v = stats.keys.computeIfAbsent(k, x -> new Values());
                v.rows++;
                if (n > 1) v.multi = true;
            });
            for (Quad q : triples) {
                if (q.getPredicate().equals(RDF.type.asNode())) continue;
                Node o = q.getObject();
                Values v = stats.keys.get(new Key(q.getPredicate().getURI(), o.isLiteral() ? o.getLiteralLanguage() : ""));
                if (o.isURI()) {
                    v.iris++;
                    v.targets.add(o);
                } else if (o.isBlank()) {
                    v.blanks++;
                    v.targets.add(o);
                } else {
                    v.datatypes.merge(o.getLiteralDatatypeURI(), 1L, Long::sum);
                }
            }
        }
    }

    // ---- from counts to tables

    private List<Table> tables() {
        // the most instances first; between equals, the one with more properties (the main table, not a side one)
        List<ClassStats> ordered = new ArrayList<>(classes.values());
        ordered.sort(Comparator.comparingLong((ClassStats c) -> -c.rows).thenComparingInt(c -> -c.keys.size()).thenComparing(c -> c.iri));
        List<Table> out = new ArrayList<>();
        Set<String> tableNames = new HashSet<>();
        for (ClassStats c : ordered) {
            List<Column> columns = columns(c);
            String name = unique(Names.snake(Names.localName(c.iri)), tableNames);
            out.add(new Table(c.iri, name, Map.of(), c.rows, columns, coordinates(c, columns)));
        }
        return Labels.apply(dsg, out);
    }

    private List<Column> columns(ClassStats c) {
        // properties in order, and the languages each has
        Map<String, List<Key>> byProperty = new TreeMap<>();
        for (Key k : c.keys.keySet()) byProperty.computeIfAbsent(k.property(), p -> new ArrayList<>()).add(k);
        List<Column> out = new ArrayList<>();
        Set<String> names = new HashSet<>(Set.of(":id"));
        // rdfs:label first, so that it keeps the plain name "label"
        List<String> properties = new ArrayList<>(byProperty.keySet());
        properties.sort(Comparator.comparing((String p) -> !p.equals(RDFS.label.getURI())).thenComparing(p -> p));
        for (String p : properties) {
            List<Key> keys = byProperty.get(p);
            keys.sort(Comparator.comparing(Key::language));
            String base = p.equals(RDFS.label.getURI()) ? "label" : Names.snake(Names.localName(p));
            for (Key k : keys) {
                Values v = c.keys.get(k);
                if (v.blanks > 0) continue; // structured values (blank nodes) are not columns
                ColumnType type = type(v);
                boolean several = keys.size() > 1 && !k.language().isEmpty();
                String name = unique(several ? base + "_" + Names.snake(k.language()) : base, names);
                Labels.LinkLabel link = type == ColumnType.LINK ? Labels.of(dsg, graph, v.targets) : null;
                out.add(new Column(name, p, k.language(), type, Map.of(), v.rows, v.multi, link == null ? null : link.language(),
                        link == null ? null : link.graph()));
            }
        }
        out.sort(Comparator.comparing((Column col) -> !col.property().equals(RDFS.label.getURI())).thenComparing(Column::name));
        return out;
    }

    private static ColumnType type(Values v) {
        if (v.iris + v.blanks > 0) return v.datatypes.isEmpty() ? ColumnType.LINK : ColumnType.TEXT;
        Set<String> dts = v.datatypes.keySet();
        if (dts.stream().allMatch(TableScan::integral)) return ColumnType.INTEGER;
        if (dts.stream().allMatch(d -> integral(d) || DECIMALS.contains(d))) return ColumnType.DECIMAL;
        if (dts.size() == 1) {
            String d = dts.iterator().next();
            if (d.equals(XSDDatatype.XSDdate.getURI())) return ColumnType.DATE;
            if (d.equals(XSDDatatype.XSDgYear.getURI())) return ColumnType.GYEAR;
            if (d.equals(XSDDatatype.XSDgYearMonth.getURI())) return ColumnType.GYEARMONTH;
            if (d.equals(XSDDatatype.XSDdateTime.getURI()) || d.equals(XSDDatatype.XSDdateTimeStamp.getURI())) return ColumnType.DATETIME;
            if (d.equals(XSDDatatype.XSDboolean.getURI())) return ColumnType.BOOLEAN;
        }
        return ColumnType.TEXT;
    }

    private static final Set<String> INTEGERS = Set.of(XSDDatatype.XSDinteger, XSDDatatype.XSDint, XSDDatatype.XSDlong,
            XSDDatatype.XSDshort, XSDDatatype.XSDbyte, XSDDatatype.XSDnonNegativeInteger, XSDDatatype.XSDpositiveInteger,
            XSDDatatype.XSDnonPositiveInteger, XSDDatatype.XSDnegativeInteger, XSDDatatype.XSDunsignedLong,
            XSDDatatype.XSDunsignedInt, XSDDatatype.XSDunsignedShort, XSDDatatype.XSDunsignedByte)
            .stream().map(XSDDatatype::getURI).collect(java.util.stream.Collectors.toSet());
    private static final Set<String> DECIMALS = Set.of(XSDDatatype.XSDdecimal.getURI(), XSDDatatype.XSDdouble.getURI(),
            XSDDatatype.XSDfloat.getURI());

    private static boolean integral(String datatype) {
        return INTEGERS.contains(datatype);
    }

    /** WGS84 latitude and longitude columns, or a GeoSPARQL WKT literal on the row or on its geometry. */
    private Table.Coordinates coordinates(ClassStats c, List<Column> columns) {
        Column lat = null;
        Column lon = null;
        for (Column col : columns) {
            if (col.type().kind() != ColumnType.Kind.NUMBER || col.multiValued()) continue;
            String p = col.property();
            if (p.equals(WGS84 + "lat") || p.endsWith("schema.org/latitude")) lat = col;
            if (p.equals(WGS84 + "long") || p.endsWith("schema.org/longitude")) lon = col;
        }
        if (lat != null && lon != null) return new Table.Coordinates(lat.name(), lon.name(), null);
        for (Map.Entry<Key, Values> e : c.keys.entrySet()) {
            if (e.getKey().property().equals(GEO + "asWKT") && !e.getValue().multi) {
                return new Table.Coordinates(null, null, List.of(GEO + "asWKT"));
            }
        }
        Values geometry = c.keys.get(new Key(GEO + "hasGeometry", ""));
        if (geometry != null && !geometry.multi && !geometry.targets.isEmpty()) {
            Node first = geometry.targets.iterator().next();
            if (dsg.find(Node.ANY, first, org.apache.jena.graph.NodeFactory.createURI(GEO + "asWKT"), Node.ANY).hasNext()) {
                return new Table.Coordinates(null, null, List.of(GEO + "hasGeometry", GEO + "asWKT"));
            }
        }
        return null;
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; taken.contains(n); i++) n = name + "_" + i;
        taken.add(n);
        return n;
    }
}
