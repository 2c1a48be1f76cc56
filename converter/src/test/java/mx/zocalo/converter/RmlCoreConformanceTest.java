package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;

/**
 * Golden-file conformance: the RML-Core test cases (JSON sources with JSONPath; kg-construct/rml-core @ 82ab28d,
 * CC BY 4.0). Every case must pass except those in {@link #KNOWN_FAILURES}, each with its reason.
 */
class RmlCoreConformanceTest {
    static final Node IDENTIFIER = NodeFactory.createURI("http://purl.org/dc/terms/identifier");
    static final Node DEFAULT_BASE = NodeFactory.createURI("http://w3id.org/rml/test/defaultBaseIRI");

    /** Case id → why it fails. Keep it empty or tiny, and honest. */
    static final Map<String, String> KNOWN_FAILURES = Map.of();

    @Test
    void every_rml_core_case_passes_except_the_known_failures() throws IOException, URISyntaxException {
        Path suite = Path.of(getClass().getResource("/rml-core/manifest.ttl").toURI()).getParent();
        Map<String, String> bases = bases(suite.resolve("manifest.ttl"));
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(suite)) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        Map<String, String> failures = new TreeMap<>();
        for (Path dir : cases) {
            String id = dir.getFileName().toString();
            String reason = run(dir, bases.get(id));
            if (reason != null) {
                failures.put(id, reason);
            }
        }
        System.out.println("RML-Core: " + (cases.size() - failures.size()) + " passed, " + failures.size() + " failed");
        failures.forEach((id, reason) -> System.out.println("  FAIL " + id + ": " + reason
                + (KNOWN_FAILURES.containsKey(id) ? " [known: " + KNOWN_FAILURES.get(id) + "]" : "")));

        assertThat(cases).hasSize(76);
        assertThat(cases.stream().filter(d -> !Files.exists(d.resolve("output.nq")))).hasSize(15);
        assertThat(failures.keySet()).as("failing cases not in the known-failures list: %s", failures)
                .isSubsetOf(KNOWN_FAILURES.keySet());
    }

    /** Case id → its default base IRI, from the manifest. */
    static Map<String, String> bases(Path manifest) {
        Graph graph = RDFDataMgr.loadGraph(manifest.toString());
        Map<String, String> bases = new HashMap<>();
        for (Triple t : graph.find(Node.ANY, DEFAULT_BASE, Node.ANY).toList()) {
            graph.find(t.getSubject(), IDENTIFIER, Node.ANY).forEach(id ->
                    bases.put(id.getObject().getLiteralLexicalForm(), t.getObject().getURI()));
        }
        return bases;
    }

    /** Runs one case; returns null when it passes, else the reason. */
    static String run(Path dir, String base) {
        Path expectedFile = dir.resolve("output.nq");
        DatasetGraph produced = DatasetGraphFactory.createTxnMem();
        Conversion conversion = Conversion.builder().mapping(dir.resolve("mapping.ttl")).base(base).build();
        try {
            conversion.run(StreamRDFLib.dataset(produced));
        } catch (ConversionException e) {
            return Files.exists(expectedFile) ? "unexpected error: " + e.getMessage() : null;
        } catch (RuntimeException e) {
            return "crashed instead of a ConversionException: " + e;
        }
        if (!Files.exists(expectedFile)) {
            return "expected an error, but the conversion succeeded with " + produced.stream().count() + " quads";
        }
        DatasetGraph expected = DatasetGraphFactory.createTxnMem();
        try {
            RDFDataMgr.read(expected, expectedFile.toString());
        } catch (org.apache.jena.riot.RiotException e) {
            // Not valid N-Quads (rml:UnsafeIRI cases expect IRIs with spaces): without blank nodes, the produced
            // quads written as N-Quads must be exactly the expected lines.
            return sameLines(expectedFile, produced) ? null
                    : "output differs from output.nq (which is not valid N-Quads: " + e.getMessage() + ")";
        }
        if (!IsoMatcher.isomorphic(expected, produced)) {
            return "output differs\n    expected:\n" + dump(expected) + "    produced:\n" + dump(produced);
        }
        return null;
    }

    private static boolean sameLines(Path expectedFile, DatasetGraph produced) {
        try {
            java.util.Set<String> expected = Files.readAllLines(expectedFile).stream().map(RmlCoreConformanceTest::unescape)
                    .filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.toSet());
            if (expected.stream().anyMatch(l -> l.contains("_:"))) {
                return false;
            }
            java.io.StringWriter out = new java.io.StringWriter();
            RDFDataMgr.write(out, produced, org.apache.jena.riot.Lang.NQUADS);
            java.util.Set<String> actual = out.toString().lines().map(RmlCoreConformanceTest::unescape).filter(l -> !l.isEmpty())
                    .collect(java.util.stream.Collectors.toSet());
            return expected.equals(actual);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A line with its N-Quads \\uXXXX escapes (UCHAR) replaced by the characters they stand for. */
    private static String unescape(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\\\u([0-9A-Fa-f]{4})").matcher(line.strip());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }

    private static String dump(DatasetGraph dsg) {
        List<String> lines = new ArrayList<>();
        dsg.stream().forEach(q -> lines.add("      " + q));
        return String.join("\n", lines) + "\n";
    }
}
