package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import mx.zocalo.converter.source.TableOptions;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * Reads an RML mapping (Turtle, or any RDF syntax Jena knows by file extension) into the immutable
 * {@link Mapping} model, rejecting mappings the RML-Core specification calls invalid.
 */
final class MappingReader {
    /** Well-formed BCP 47 language tag (RFC 5646 syntax, without checking the registry). */
    static final Pattern LANGUAGE_TAG = Pattern.compile(
            "(?i)([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4,8})(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
                    + "(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?"
                    + "|x(-[a-z0-9]{1,8})+|i-[a-z0-9]{2,8}");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:");

    private final Path file;
    private final Graph graph;
    private final String base;

    private MappingReader(Path file, Graph graph, String base) {
        this.file = file;
        this.graph = graph;
        this.base = base;
    }

    /**
     * Parses and validates the mapping file.
     *
     * @param defaultBase base IRI used when the mapping declares none (may be null)
     * @throws MappingSyntaxException when the file is not well-formed RDF
     * @throws MappingException       when the mapping is not valid RML
     */
    static Mapping read(Path file, String defaultBase) {
        Graph graph = GraphFactory.createDefaultGraph();
        String[] declaredBase = new String[1];
        StreamRDF into = new StreamRDFWrapper(StreamRDFLib.graph(graph)) {
            @Override
            public void base(String iri) {
                declaredBase[0] = iri;
                super.base(iri);
            }
        };
        Lang lang = RDFLanguages.filenameToLang(file.getFileName().toString(), Lang.TURTLE);
        org.apache.jena.riot.RDFParserBuilder parser = RDFParser.source(file).lang(lang).errorHandler(new SyntaxErrors(file));
        if (defaultBase != null) {
            parser.base(defaultBase);
        }
        parser.parse(into);
        String base = declaredBase[0] != null ? declaredBase[0] : defaultBase;
        return new MappingReader(file, graph, base).mapping();
    }

    private Mapping mapping() {
        Set<Node> ids = new LinkedHashSet<>();
        graph.find(Node.ANY, RDF.type.asNode(), Rml.TriplesMap).forEach(t -> ids.add(t.getSubject()));
        graph.find(Node.ANY, Rml.logicalSource, Node.ANY).forEach(t -> ids.add(t.getSubject()));
        if (ids.isEmpty()) {
            throw new MappingException("the mapping has no triples map (nothing with rml:logicalSource, in namespace " + Rml.NS + ")");
        }
        Map<Node, TriplesMap> byId = new LinkedHashMap<>();
        for (Node id : ids) {
            byId.put(id, triplesMap(id));
        }
        for (TriplesMap tm : byId.values()) {
            checkReferences(tm, byId);
        }
        Map<String, String> prefixes = new LinkedHashMap<>(graph.getPrefixMapping().getNsPrefixMap());
        prefixes.values().removeIf(ns -> ns.equals(Rml.NS));
        return new Mapping(file, List.copyOf(byId.values()), Map.copyOf(byId), prefixes);
    }

    private TriplesMap triplesMap(Node id) {
        String name = name(id);
        Node ls = single(id, Rml.logicalSource, "rml:logicalSource of " + name, true);
        LogicalSource source = logicalSource(ls, name);
        Node tmBase = single(id, Rml.baseIRI, "rml:baseIRI of " + name, false);
        String base = tmBase != null ? (tmBase.isURI() ? tmBase.getURI() : tmBase.getLiteralLexicalForm()) : this.base;

        List<Node> subjectMaps = objects(id, Rml.subjectMap);
        List<Node> subjectShortcuts = objects(id, Rml.subject);
        if (subjectMaps.size() + subjectShortcuts.size() != 1) {
            throw new MappingException(name + " must have exactly one subject map (rml:subjectMap or rml:subject), it has "
                    + (subjectMaps.size() + subjectShortcuts.size()));
        }
        String subjectRule = "subject map of " + name;
        SubjectMap subject;
        if (!subjectShortcuts.isEmpty()) {
            subject = new SubjectMap(constant(subjectShortcuts.get(0), Position.SUBJECT, subjectRule), List.of(), List.of());
        } else {
            Node sm = subjectMaps.get(0);
            TermMap term = termMap(sm, Position.SUBJECT, subjectRule);
            List<Node> classes = objects(sm, Rml.clazz);
            for (Node c : classes) {
                if (!c.isURI()) {
                    throw new MappingException(subjectRule + ": rml:class must be an IRI, not " + c);
                }
            }
            subject = new SubjectMap(term, List.copyOf(classes), graphMaps(sm, "graph map of the subject map of " + name));
        }

        List<PredicateObjectMap> poms = new ArrayList<>();
        for (Node pom : objects(id, Rml.predicateObjectMap)) {
            poms.add(predicateObjectMap(pom, name));
        }
        return new TriplesMap(id, name, base, source, subject, List.copyOf(poms));
    }

    private LogicalSource logicalSource(Node ls, String name) {
        Node formulation = single(ls, Rml.referenceFormulation, "rml:referenceFormulation of " + name, false);
        if (formulation != null && !formulation.equals(Rml.CSV)) {
            throw new MappingException(name + ": reference formulation " + formulation
                    + " is not supported; this engine reads tables (rml:CSV: CSV, .csv.gz, .xlsx)");
        }
        Node source = single(ls, Rml.source, "rml:source of the logical source of " + name, true);
        Path folder = file.toAbsolutePath().getParent();
        if (source.isLiteral()) {
            return new LogicalSource(folder.resolve(source.getLiteralLexicalForm()), TableOptions.DEFAULT);
        }
        if (graph.contains(source, Csvw.url, Node.ANY) || graph.contains(source, RDF.type.asNode(), Csvw.Table)) {
            Node url = single(source, Csvw.url, "csvw:url of the csvw:Table source of " + name, true);
            String path = url.isLiteral() ? url.getLiteralLexicalForm() : url.getURI();
            Node dialect = single(source, Csvw.dialect, "csvw:dialect of the source of " + name, false);
            return new LogicalSource(folder.resolve(path), dialect == null ? TableOptions.DEFAULT : dialect(dialect, name));
        }
        Node path = single(source, Rml.path, "rml:path of the source of " + name, true);
        if (!path.isLiteral()) {
            throw new MappingException(name + ": rml:path must be a string, not " + path);
        }
        Node root = single(source, Rml.root, "rml:root of the source of " + name, false);
        if (root != null && root.equals(Rml.CurrentWorkingDirectory)) {
            folder = Path.of("").toAbsolutePath();
        } else if (root != null && !root.equals(Rml.MappingDirectory)) {
            throw new MappingException(name + ": rml:root must be rml:MappingDirectory or rml:CurrentWorkingDirectory, not " + root);
        }
        return new LogicalSource(folder.resolve(path.getLiteralLexicalForm()), TableOptions.DEFAULT);
    }

    /** The supported part of a CSVW dialect: delimiter, encoding, skipRows (and header true). */
    private TableOptions dialect(Node dialect, String name) {
        String where = "the csvw:dialect of the source of " + name;
        for (Triple t : graph.find(dialect, Node.ANY, Node.ANY).toList()) {
            Node p = t.getPredicate();
            if (!p.equals(RDF.type.asNode()) && !p.equals(Csvw.delimiter) && !p.equals(Csvw.encoding)
                    && !p.equals(Csvw.skipRows) && !p.equals(Csvw.header)) {
                throw new MappingException(where + ": " + shortName(p)
                        + " is not supported (supported: csvw:delimiter, csvw:encoding, csvw:skipRows, csvw:header true)");
            }
        }
        char delimiter = ',';
        Node d = single(dialect, Csvw.delimiter, "csvw:delimiter of " + where, false);
        if (d != null) {
            String text = d.isLiteral() ? d.getLiteralLexicalForm() : "";
            if (text.length() != 1) {
                throw new MappingException(where + ": csvw:delimiter must be one character, not " + d);
            }
            delimiter = text.charAt(0);
        }
        java.nio.charset.Charset encoding = null;
        Node e = single(dialect, Csvw.encoding, "csvw:encoding of " + where, false);
        if (e != null) {
            try {
                encoding = java.nio.charset.Charset.forName(e.getLiteralLexicalForm());
            } catch (RuntimeException bad) {
                throw new MappingException(where + ": unknown csvw:encoding " + e);
            }
        }
        int skip = 0;
        Node k = single(dialect, Csvw.skipRows, "csvw:skipRows of " + where, false);
        if (k != null) {
            try {
                skip = Integer.parseInt(k.getLiteralLexicalForm());
            } catch (RuntimeException bad) {
                skip = -1;
            }
            if (skip < 0) {
                throw new MappingException(where + ": csvw:skipRows must be a whole number >= 0, not " + k);
            }
        }
        Node h = single(dialect, Csvw.header, "csvw:header of " + where, false);
        if (h != null && !(h.isLiteral() && "true".equals(h.getLiteralLexicalForm()))) {
            throw new MappingException(where + ": only csvw:header true is supported (the first row read names the columns)");
        }
        try {
            return new TableOptions(delimiter, encoding, skip);
        } catch (IllegalArgumentException bad) {
            throw new MappingException(where + ": " + bad.getMessage());
        }
    }

    private PredicateObjectMap predicateObjectMap(Node pom, String name) {
        List<TermMap> predicates = new ArrayList<>();
        String where = " of " + name;
        for (Node p : objects(pom, Rml.predicate)) {
            predicates.add(constant(p, Position.PREDICATE, "predicate " + shortName(p) + where));
        }
        for (Node pm : objects(pom, Rml.predicateMap)) {
            predicates.add(termMap(pm, Position.PREDICATE, "predicate map" + where));
        }
        if (predicates.isEmpty()) {
            throw new MappingException("a predicate-object map" + where + " has no predicate (rml:predicate or rml:predicateMap)");
        }
        String forPredicate = predicates.size() == 1 && predicates.get(0).constant() != null
                ? " for " + shortName(predicates.get(0).constant()) : "";
        List<TermMap> objects = new ArrayList<>();
        List<RefObjectMap> refs = new ArrayList<>();
        for (Node o : objects(pom, Rml.object)) {
            objects.add(constant(o, Position.OBJECT, "object" + forPredicate + where));
        }
        for (Node om : objects(pom, Rml.objectMap)) {
            String rule = "object map" + forPredicate + where;
            if (graph.contains(om, Rml.parentTriplesMap, Node.ANY)) {
                refs.add(refObjectMap(om, rule));
            } else {
                objects.add(termMap(om, Position.OBJECT, rule));
            }
        }
        if (objects.isEmpty() && refs.isEmpty()) {
            throw new MappingException("a predicate-object map" + forPredicate + where + " has no object (rml:object or rml:objectMap)");
        }
        return new PredicateObjectMap(List.copyOf(predicates), List.copyOf(objects), List.copyOf(refs),
                graphMaps(pom, "graph map of the predicate-object map" + forPredicate + where));
    }

    private RefObjectMap refObjectMap(Node om, String rule) {
        Node parent = single(om, Rml.parentTriplesMap, "rml:parentTriplesMap of the " + rule, true);
        List<JoinCondition> joins = new ArrayList<>();
        for (Node jc : objects(om, Rml.joinCondition)) {
            Node child = single(jc, Rml.child, "rml:child of a join condition of the " + rule, true);
            Node parentColumn = single(jc, Rml.parent, "rml:parent of a join condition of the " + rule, true);
            if (!child.isLiteral() || !parentColumn.isLiteral()) {
                throw new MappingException(rule + ": rml:child and rml:parent must be column names (strings)");
            }
            joins.add(new JoinCondition(child.getLiteralLexicalForm(), parentColumn.getLiteralLexicalForm()));
        }
        for (Node p : List.of(Rml.constant, Rml.reference, Rml.template, Rml.termType)) {
            if (graph.contains(om, p, Node.ANY)) {
                throw new MappingException(rule + ": a referencing object map (rml:parentTriplesMap) cannot also have " + shortName(p));
            }
        }
        return new RefObjectMap(rule, parent, List.copyOf(joins));
    }

    private List<TermMap> graphMaps(Node owner, String rule) {
        List<TermMap> maps = new ArrayList<>();
        for (Node g : objects(owner, Rml.graph)) {
            maps.add(constant(g, Position.GRAPH, rule));
        }
        for (Node gm : objects(owner, Rml.graphMap)) {
            maps.add(termMap(gm, Position.GRAPH, rule));
        }
        return List.copyOf(maps);
    }

    private void checkReferences(TriplesMap tm, Map<Node, TriplesMap> byId) {
        for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
            for (RefObjectMap ref : pom.refObjectMaps()) {
                TriplesMap parent = byId.get(ref.parent());
                if (parent == null) {
                    throw new MappingException(ref.rule() + ": rml:parentTriplesMap " + name(ref.parent())
                            + " is not a triples map of this mapping");
                }
                if (ref.joinConditions().isEmpty() && !parent.logicalSource().equals(tm.logicalSource())) {
                    throw new MappingException(ref.rule() + ": the parent triples map " + parent.name()
                            + " reads another source, so the referencing object map needs an rml:joinCondition");
                }
            }
        }
    }

    enum Position { SUBJECT, PREDICATE, OBJECT, GRAPH, DATATYPE, LANGUAGE }

    /** A term map given by a shortcut ({@code rml:subject}, {@code rml:predicate}, ...): a constant. */
    private TermMap constant(Node value, Position position, String rule) {
        TermType type = value.isLiteral() ? TermType.LITERAL : value.isBlank() ? TermType.BLANK_NODE : TermType.IRI;
        if (value.isBlank()) {
            throw new MappingException(rule + ": a constant must be an IRI or a literal, not a blank node");
        }
        checkTermType(type, position, rule);
        return new TermMap(rule, value, null, null, type, null, null, null, null);
    }

    private TermMap termMap(Node node, Position position, String rule) {
        if (node.isLiteral()) {
            throw new MappingException(rule + ": expected a term map (a resource), found the literal " + node);
        }
        Node constant = single(node, Rml.constant, "rml:constant of the " + rule, false);
        Node reference = single(node, Rml.reference, "rml:reference of the " + rule, false);
        Node template = single(node, Rml.template, "rml:template of the " + rule, false);
        Node termTypeNode = single(node, Rml.termType, "rml:termType of the " + rule, false);
        Node datatype = single(node, Rml.datatype, "rml:datatype of the " + rule, false);
        Node language = single(node, Rml.language, "rml:language of the " + rule, false);
        Node datatypeMapNode = single(node, Rml.datatypeMap, "rml:datatypeMap of the " + rule, false);
        Node languageMapNode = single(node, Rml.languageMap, "rml:languageMap of the " + rule, false);

        int kinds = (constant != null ? 1 : 0) + (reference != null ? 1 : 0) + (template != null ? 1 : 0);
        if (kinds > 1) {
            throw new MappingException(rule + ": use only one of rml:constant, rml:reference, rml:template");
        }
        if (reference != null && !reference.isLiteral() || template != null && !template.isLiteral()) {
            throw new MappingException(rule + ": rml:reference and rml:template take a string");
        }
        boolean literalHints = datatype != null || language != null || datatypeMapNode != null || languageMapNode != null;
        TermType termType;
        if (termTypeNode != null) {
            termType = termType(termTypeNode, rule);
        } else if (constant != null) {
            termType = constant.isLiteral() ? TermType.LITERAL : TermType.IRI;
        } else if (position == Position.OBJECT && (reference != null || literalHints) || position == Position.LANGUAGE) {
            termType = TermType.LITERAL;
        } else {
            termType = TermType.IRI;
        }
        if (kinds == 0 && termType != TermType.BLANK_NODE) {
            throw new MappingException(rule + ": needs rml:constant, rml:reference or rml:template");
        }
        if (constant != null) {
            if (constant.isBlank()) {
                throw new MappingException(rule + ": rml:constant must be an IRI or a literal, not a blank node");
            }
            TermType actual = constant.isLiteral() ? TermType.LITERAL : TermType.IRI;
            if (termTypeNode != null && actual != termType && !(actual == TermType.IRI && termType == TermType.UNSAFE_IRI)) {
                throw new MappingException(rule + ": rml:termType does not match the constant " + constant);
            }
        }
        checkTermType(termType, position, rule);
        if (literalHints && termType != TermType.LITERAL) {
            throw new MappingException(rule + ": rml:datatype and rml:language only apply to literals");
        }
        if ((datatype != null || datatypeMapNode != null) && (language != null || languageMapNode != null)) {
            throw new MappingException(rule + ": a literal cannot have both a datatype and a language");
        }
        if (datatype != null && datatypeMapNode != null || language != null && languageMapNode != null) {
            throw new MappingException(rule + ": give either a constant datatype/language or a map, not both");
        }
        if (datatype != null && !datatype.isURI()) {
            throw new MappingException(rule + ": rml:datatype must be an IRI, not " + datatype);
        }
        String lang = null;
        if (language != null) {
            if (!language.isLiteral() || !LANGUAGE_TAG.matcher(language.getLiteralLexicalForm()).matches()) {
                throw new MappingException(rule + ": rml:language " + language + " is not a valid BCP 47 language tag");
            }
            lang = language.getLiteralLexicalForm();
        }
        Template parsed = null;
        if (template != null) {
            try {
                parsed = Template.parse(template.getLiteralLexicalForm());
            } catch (MappingException e) {
                throw new MappingException(rule + ": " + e.getMessage());
            }
        }
        if (constant != null && constant.isLiteral() && (datatype != null || language != null)) {
            throw new MappingException(rule + ": a constant literal carries its own datatype and language");
        }
        TermMap datatypeMap = datatypeMapNode == null ? null
                : termMap(datatypeMapNode, Position.DATATYPE, "datatype map of the " + rule);
        TermMap languageMap = languageMapNode == null ? null
                : termMap(languageMapNode, Position.LANGUAGE, "language map of the " + rule);
        return new TermMap(rule, constant, reference == null ? null : reference.getLiteralLexicalForm(), parsed,
                termType, datatype, lang, datatypeMap, languageMap);
    }

    private TermType termType(Node node, String rule) {
        if (node.equals(Rml.IRI)) {
            return TermType.IRI;
        }
        if (node.equals(Rml.UnsafeIRI)) {
            return TermType.UNSAFE_IRI;
        }
        if (node.equals(Rml.BlankNode)) {
            return TermType.BLANK_NODE;
        }
        if (node.equals(Rml.Literal)) {
            return TermType.LITERAL;
        }
        throw new MappingException(rule + ": unknown rml:termType " + node);
    }

    private static void checkTermType(TermType type, Position position, String rule) {
        boolean iri = type == TermType.IRI || type == TermType.UNSAFE_IRI;
        boolean ok = switch (position) {
            case SUBJECT, GRAPH -> iri || type == TermType.BLANK_NODE;
            case PREDICATE, DATATYPE -> iri;
            case OBJECT -> true;
            case LANGUAGE -> type == TermType.LITERAL;
        };
        if (!ok) {
            throw new MappingException(rule + ": cannot generate " + words(type) + "s here");
        }
    }

    static String words(TermType type) {
        return switch (type) {
            case IRI, UNSAFE_IRI -> "IRI";
            case BLANK_NODE -> "blank node";
            case LITERAL -> "literal";
        };
    }

    private List<Node> objects(Node s, Node p) {
        return graph.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
    }

    private Node single(Node s, Node p, String what, boolean required) {
        List<Node> values = objects(s, p);
        if (values.size() > 1) {
            throw new MappingException(what + " is given " + values.size() + " times; give it once");
        }
        if (values.isEmpty()) {
            if (required) {
                throw new MappingException(what + " is missing");
            }
            return null;
        }
        return values.get(0);
    }

    /** How messages name a triples map: {@code <#Students>} relative to the mapping's base, else the full IRI. */
    private String name(Node id) {
        if (id.isBlank()) {
            Node ls = graph.find(id, Rml.logicalSource, Node.ANY).nextOptional().map(Triple::getObject).orElse(null);
            return "the triples map (blank node) reading " + (ls == null ? "?" : describeSource(ls));
        }
        String iri = id.getURI();
        String fileIri = file.toAbsolutePath().toUri().toString();
        for (String prefix : new String[] {base, fileIri}) {
            if (prefix != null && iri.startsWith(prefix) && iri.length() > prefix.length()) {
                return "<" + iri.substring(prefix.length()) + ">";
            }
            if (prefix != null && iri.startsWith(prefix + "#")) {
                return "<" + iri.substring(prefix.length()) + ">";
            }
        }
        return "<" + iri + ">";
    }

    private String describeSource(Node ls) {
        Node source = graph.find(ls, Rml.source, Node.ANY).nextOptional().map(Triple::getObject).orElse(null);
        if (source == null) {
            return "?";
        }
        if (source.isLiteral()) {
            return source.getLiteralLexicalForm();
        }
        return graph.find(source, Rml.path, Node.ANY).nextOptional()
                .map(t -> t.getObject().isLiteral() ? t.getObject().getLiteralLexicalForm() : "?").orElse("?");
    }

    private String shortName(Node n) {
        if (n.isURI()) {
            String s = graph.getPrefixMapping().shortForm(n.getURI());
            return s.equals(n.getURI()) ? "<" + s + ">" : s;
        }
        return n.toString();
    }

    static boolean isAbsolute(String iri) {
        return SCHEME.matcher(iri).find();
    }

    /** Turns RIOT syntax errors into {@link MappingSyntaxException}s naming the file, line and column. */
    private record SyntaxErrors(Path file) implements ErrorHandler {
        @Override
        public void warning(String message, long line, long col) {
            // RIOT warns about IRIs it finds dubious; the mapping still means what it says.
        }

        @Override
        public void error(String message, long line, long col) {
            throw new MappingSyntaxException(file, line, col, message);
        }

        @Override
        public void fatal(String message, long line, long col) {
            throw new MappingSyntaxException(file, line, col, message);
        }
    }
}
