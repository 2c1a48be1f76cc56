package mx.zocalo.converter.yaml;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * A YAML mapping (a subset of YARRRML) compiled to an RML graph in the vocabulary
 * {@code http://w3id.org/rml/}, ready for the same mapping reader as Turtle mappings.
 *
 * @param file     the YAML file (sources resolve relative to its folder)
 * @param graph    the RML mapping, with the YAML's prefixes (and {@code rml:}); every IRI in it is absolute
 * @param base     the YAML's {@code base}, or null
 * @param resolved the base the YAML's relative IRIs were resolved against: its {@code base}, else the one it was compiled
 *                 with, else the file's own IRI
 */
public record YarrrmlMapping(Path file, Graph graph, String base, String resolved) {

    /** True when the file name ends with {@code .yml} or {@code .yaml}. */
    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    /**
     * Reads and compiles a YAML mapping. Relative IRIs (namespaces in {@code prefixes} included) resolve against its
     * {@code base}, else {@code defaultBase}, else the file's own IRI, as a Turtle mapping's do.
     *
     * @param defaultBase base for relative IRIs when the YAML declares none (may be null)
     * @throws YamlMappingException naming the file, line and key that are wrong
     */
    public static YarrrmlMapping compile(Path file, String defaultBase) {
        return new YarrrmlCompiler(file, defaultBase).compile(YamlNode.read(file));
    }

    /**
     * Writes the equivalent RML mapping as Turtle: with {@code @base} when the YAML has a base; without one, the IRIs the
     * YAML wrote relative (triples map names, namespaces, constants, the start of templates) are written relative again,
     * so the Turtle resolves them against the base it is read with, as the YAML does.
     */
    public void writeTurtle(OutputStream out) {
        if (base != null) {
            RDFWriter.source(graph).format(RDFFormat.TURTLE_PRETTY).base(base).output(out);
        } else {
            RDFWriter.source(relative(IRIx.create(resolved))).format(RDFFormat.TURTLE_PRETTY).output(out);
        }
    }

    /** A copy of the graph with the IRIs under {@code against} made relative to it again. */
    private Graph relative(IRIx against) {
        Graph copy = GraphFactory.createDefaultGraph();
        graph.getPrefixMapping().getNsPrefixMap().forEach((prefix, ns) -> copy.getPrefixMapping().setNsPrefix(prefix,
                relative(NodeFactory.createURI(ns), against).getURI()));
        graph.find().forEach(t -> copy.add(Triple.create(relative(t.getSubject(), against), relative(t.getPredicate(), against),
                t.getPredicate().equals(RmlGraph.template) ? relativeTemplate(t.getObject(), against) : relative(t.getObject(), against))));
        return copy;
    }

    private static Node relative(Node n, IRIx against) {
        if (!n.isURI()) {
            return n;
        }
        try {
            IRIx r = against.relativize(IRIx.create(n.getURI()));
            return r == null ? n : NodeFactory.createURI(r.str());
        } catch (IRIException e) {
            return n;
        }
    }

    /**
     * A template whose fixed start lies under {@code against}, relative again when it stays below it: the engine puts the
     * base in front of a relative template's IRIs (it does not resolve {@code ../}).
     */
    private static Node relativeTemplate(Node template, IRIx against) {
        String text = template.getLiteralLexicalForm();
        int brace = text.indexOf('{');
        String start = brace < 0 ? text : text.substring(0, brace);
        if (start.isEmpty() || start.contains("\\")) {
            return template;
        }
        Node relative = relative(NodeFactory.createURI(start), against);
        String r = relative.getURI();
        if (r.equals(start) || r.startsWith("../") || r.startsWith("/") || r.isEmpty()) {
            return template;
        }
        return NodeFactory.createLiteralString(r + text.substring(start.length()));
    }
}
