package mx.zocalo.server.web;

import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;

/**
 * The DCAT-AP 3.0.1 shapes (copied into the test resources): {@code shapes.ttl} (mandatory) with {@code range.ttl}
 * (classes of values) give violations; {@code shapes_recommended.ttl} gives warnings.
 */
final class DcatApShapes {
    private static final String DIR = "src/test/resources/dcat-ap-3.0.1/";
    static final Shapes MANDATORY;
    static final Shapes RECOMMENDED;

    static {
        Graph g = RDFDataMgr.loadGraph(DIR + "shapes.ttl");
        RDFDataMgr.read(g, DIR + "range.ttl");
        MANDATORY = Shapes.parse(g);
        RECOMMENDED = Shapes.parse(RDFDataMgr.loadGraph(DIR + "shapes_recommended.ttl"));
    }

    private DcatApShapes() {}

    static ValidationReport mandatory(Graph data) {
        return ShaclValidator.get().validate(MANDATORY, data);
    }

    static ValidationReport recommended(Graph data) {
        return ShaclValidator.get().validate(RECOMMENDED, data);
    }

    /** Report entries counted by severity, path and message, for printing. */
    static Map<String, Integer> summary(ValidationReport report) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ReportEntry e : report.getEntries()) {
            String key = e.severity().level().getLocalName() + " " + e.resultPath() + ": " + e.message();
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }
}
