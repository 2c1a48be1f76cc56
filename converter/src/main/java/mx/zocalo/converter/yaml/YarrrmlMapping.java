package mx.zocalo.converter.yaml;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;

/**
 * A YAML mapping (a subset of YARRRML) compiled to an RML graph in the vocabulary
 * {@code http://w3id.org/rml/}, ready for the same mapping reader as Turtle mappings.
 *
 * @param file  the YAML file (sources resolve relative to its folder)
 * @param graph the RML mapping, with the YAML's prefixes (and {@code rml:})
 * @param base  the YAML's {@code base}, or null
 */
public record YarrrmlMapping(Path file, Graph graph, String base) {

    /** True when the file name ends with {@code .yml} or {@code .yaml}. */
    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    /**
     * Reads and compiles a YAML mapping.
     *
     * @param defaultBase base for relative constant IRIs when the YAML declares none (may be null)
     * @throws YamlMappingException naming the file, line and key that are wrong
     */
    public static YarrrmlMapping compile(Path file, String defaultBase) {
        return new YarrrmlCompiler(file, defaultBase).compile(YamlNode.read(file));
    }

    /**
     * Writes the equivalent RML mapping as Turtle: with {@code @base} when the YAML has a base; without one, the IRIs
     * made from the YAML file's own location (its triples maps, {@code <#Name>}) are written relative to it, so the
     * Turtle names no folder of this machine and means the same read from beside the YAML file.
     */
    public void writeTurtle(OutputStream out) {
        org.apache.jena.riot.RDFWriterBuilder writer = RDFWriter.source(base == null ? relativeToFile() : graph)
                .format(RDFFormat.TURTLE_PRETTY);
        if (base != null) {
            writer.base(base);
        }
        writer.output(out);
    }

    /** The graph with IRIs under the YAML file's folder made relative: {@code file:///.../m.yml#Name} becomes {@code #Name}. */
    private Graph relativeToFile() {
        String self = file.toAbsolutePath().normalize().toUri().toString();
        String folder = self.substring(0, self.lastIndexOf('/') + 1);
        Graph relative = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        relative.getPrefixMapping().setNsPrefixes(graph.getPrefixMapping());
        java.util.function.UnaryOperator<Node> shorten = n -> {
            if (!n.isURI()) return n;
            String iri = n.getURI();
            if (iri.startsWith(self + "#")) return NodeFactory.createURI(iri.substring(self.length()));
            if (iri.startsWith(folder) && iri.length() > folder.length()) return NodeFactory.createURI(iri.substring(folder.length()));
            return n;
        };
        graph.find().forEach(t -> relative.add(Triple.create(shorten.apply(t.getSubject()), shorten.apply(t.getPredicate()),
                shorten.apply(t.getObject()))));
        return relative;
    }
}
