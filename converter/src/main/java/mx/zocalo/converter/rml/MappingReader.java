package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import mx.zocalo.converter.SourceOptions;
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
    private final Path file;
    private final Graph graph;
    private final String base;
    private final MappingGraph mapping;
    private final LogicalSourceReader sources;
    private final TermMapReader terms;
    private final LogicalViewReader views;
    private final String vocabulary;

    private MappingReader(Path file, Graph graph, String base, Function<Path, SourceOptions> sourceOptions) {
        this.vocabulary = LegacyVocabulary.normalise(graph);
        this.file = file;
        this.graph = graph;
        this.base = base;
        this.mapping = new MappingGraph(graph);
        this.sources = new LogicalSourceReader(mapping, file, sourceOptions);
        this.terms = new TermMapReader(mapping, base);
        this.views = new LogicalViewReader(mapping, sources, terms, this::name);
    }

    private List<Node> objects(Node s, Node p) {
        return mapping.objects(s, p);
    }

    private Node single(Node s, Node p, String what, boolean required) {
        return mapping.single(s, p, what, required);
    }

    private String shortName(Node n) {
        return mapping.shortName(n);
    }

    /**
     * Parses and validates the mapping file.
     *
     * @param defaultBase   base IRI used when the mapping declares none (may be null)
     * @param sourceOptions how to read each table file where the mapping does not say ({@link SourceOptions})
     * @throws MappingSyntaxException when the file is not well-formed RDF
     * @throws MappingException       when the mapping is not valid RML
     */
    static Mapping read(Path file, String defaultBase, Function<Path, SourceOptions> sourceOptions) {
        if (mx.zocalo.converter.yaml.YarrrmlMapping.isYaml(file)) { // YAML (YARRRML subset) compiles to the same RML graph
            var yaml = mx.zocalo.converter.yaml.YarrrmlMapping.compile(file, defaultBase);
            return new MappingReader(file, yaml.graph(), yaml.base() != null ? yaml.base() : defaultBase, sourceOptions).mapping();
        }
        Graph graph = GraphFactory.createDefaultGraph();
        String base = parse(file, defaultBase, graph);
        return new MappingReader(file, graph, base, sourceOptions).mapping();
    }

    /** The vocabulary the mapping file is written in ({@link Mapping#vocabulary()}), without validating it. */
    static String vocabulary(Path file) {
        Graph graph = GraphFactory.createDefaultGraph();
        parse(file, null, graph);
        return LegacyVocabulary.normalise(graph);
    }

    /** Parses the file into {@code graph}; returns the base IRI: the file's own, else {@code defaultBase}. */
    private static String parse(Path file, String defaultBase, Graph graph) {
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
        return declaredBase[0] != null ? declaredBase[0] : defaultBase;
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
        prefixes.values().removeIf(ns -> ns.equals(Rml.NS) || ns.equals(LegacyVocabulary.R2RML)
                || ns.equals(LegacyVocabulary.LEGACY_RML) || ns.equals(LegacyVocabulary.QL));
        return new Mapping(file, List.copyOf(byId.values()), Map.copyOf(byId), Collections.unmodifiableMap(prefixes), vocabulary);
    }

    private TriplesMap triplesMap(Node id) {
        String name = name(id);
        Node ls = single(id, Rml.logicalSource, "rml:logicalSource of " + name, true);
        AbstractSource source = views.isView(ls) ? view(ls, name) : sources.logicalSource(ls, name);
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
            subject = new SubjectMap(terms.constant(subjectShortcuts.get(0), TermMapReader.Position.SUBJECT, subjectRule), List.of(), List.of());
        } else {
            Node sm = subjectMaps.get(0);
            TermMap term = terms.termMap(sm, TermMapReader.Position.SUBJECT, subjectRule);
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



    /** A logical view as the logical source of a triples map; its errors say which triples map led to it. */
    private LogicalView view(Node ls, String name) {
        try {
            return views.view(ls);
        } catch (MappingException e) {
            throw new MappingException(e.getMessage() + " (the logical source of " + name + ")");
        }
    }

    private PredicateObjectMap predicateObjectMap(Node pom, String name) {
        List<TermMap> predicates = new ArrayList<>();
        String where = " of " + name;
        for (Node p : objects(pom, Rml.predicate)) {
            predicates.add(terms.constant(p, TermMapReader.Position.PREDICATE, "predicate " + shortName(p) + where));
        }
        for (Node pm : objects(pom, Rml.predicateMap)) {
            predicates.add(terms.termMap(pm, TermMapReader.Position.PREDICATE, "predicate map" + where));
        }
        if (predicates.isEmpty()) {
            throw new MappingException("a predicate-object map" + where + " has no predicate (rml:predicate or rml:predicateMap)");
        }
        String forPredicate = predicates.size() == 1 && predicates.get(0).constant() != null
                ? " for " + shortName(predicates.get(0).constant()) : "";
        List<TermMap> objects = new ArrayList<>();
        List<RefObjectMap> refs = new ArrayList<>();
        for (Node o : objects(pom, Rml.object)) {
            objects.add(terms.constant(o, TermMapReader.Position.OBJECT, "object" + forPredicate + where));
        }
        for (Node om : objects(pom, Rml.objectMap)) {
            String rule = "object map" + forPredicate + where;
            if (graph.contains(om, Rml.parentTriplesMap, Node.ANY)) {
                refs.add(refObjectMap(om, rule));
            } else {
                objects.add(terms.termMap(om, TermMapReader.Position.OBJECT, rule));
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
            joins.add(terms.joinCondition(jc, rule));
        }
        for (Node p : List.of(Rml.constant, Rml.reference, Rml.template, Rml.termType, Rml.functionExecution)) {
            if (graph.contains(om, p, Node.ANY)) {
                throw new MappingException(rule + ": a referencing object map (rml:parentTriplesMap) cannot also have " + shortName(p));
            }
        }
        return new RefObjectMap(rule, parent, List.copyOf(joins));
    }

    private List<TermMap> graphMaps(Node owner, String rule) {
        List<TermMap> maps = new ArrayList<>();
        for (Node g : objects(owner, Rml.graph)) {
            maps.add(terms.constant(g, TermMapReader.Position.GRAPH, rule));
        }
        for (Node gm : objects(owner, Rml.graphMap)) {
            maps.add(terms.termMap(gm, TermMapReader.Position.GRAPH, rule));
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
