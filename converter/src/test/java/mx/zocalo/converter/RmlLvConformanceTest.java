package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Golden-file conformance: RML-LV (logical views) test cases from kg-construct/rml-lv (CC BY 4.0, see
 * {@code rml-lv/LICENSE-NOTE.md}): views on CSV and JSON sources, a view on a view, left and inner joins, and two
 * mappings that must be rejected. A case without {@code output.nq} expects an error.
 */
class RmlLvConformanceTest {

    @Test
    void every_rml_lv_case_passes() throws IOException, URISyntaxException {
        Path suite = Path.of(getClass().getResource("/rml-lv/LICENSE-NOTE.md").toURI()).getParent();
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(suite)) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        Map<String, String> failures = new TreeMap<>();
        for (Path dir : cases) {
            String reason = RmlCoreCsvConformanceTest.run(dir);
            if (reason != null) {
                failures.put(dir.getFileName().toString(), reason);
            }
        }
        System.out.println("RML-LV (8 cases taken from the draft): " + (cases.size() - failures.size()) + " passed, "
                + failures.size() + " failed");
        failures.forEach((id, reason) -> System.out.println("  FAIL " + id + ": " + reason));
        assertThat(cases).hasSize(8);
        assertThat(failures).isEmpty();
    }

    @Test
    void the_error_cases_fail_for_their_reason() throws URISyntaxException {
        Path suite = Path.of(getClass().getResource("/rml-lv/LICENSE-NOTE.md").toURI()).getParent();
        assertThat(message(suite.resolve("RMLLVTC0005c"))).contains("field \"item\" does not exist (object map for ")
                .contains("the fields are: \"#\", ");
        assertThat(message(suite.resolve("RMLLVTC0008c"))).contains("depends on itself: logical view <http://example.org/jsonView> "
                + "rml:leftJoin with logical view <http://example.org/jsonView>");
    }

    private static String message(Path dir) {
        ConversionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConversionException.class,
                () -> Conversion.builder().mapping(dir.resolve("mapping.ttl")).base(RmlCoreCsvConformanceTest.BASE).build()
                        .run(org.apache.jena.riot.system.StreamRDFLib.sinkNull()));
        assertThat(e).isNotNull();
        return e.getMessage();
    }
}
