package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zocalo performance check} against a real store with the road accidents published: every error of the goal
 * files on standard error as FILE:LINE: FIELD: MESSAGE, exit 1; a good file, exit 0. {@code publish} of a dataset
 * computes the goals that read it.
 */
class PerformanceCommandTest {
    @TempDir
    Path tmp;

    private Path publishAccidents() {
        Path data = tmp.resolve("data");
        // the base the commands default to, recorded by the first command that opens the folder
        assertThat(ZocaloCommandTest.run("publish", "--data", data.toString(), "--performance", tmp.resolve("none").toString(),
                "../mappings/accidentes-carreteros").exit()).isZero();
        return data;
    }

    @Test
    void check_reports_each_error_with_file_line_and_field_and_exits_1() throws Exception {
        Path data = publishAccidents();
        Path goals = Files.createDirectories(tmp.resolve("performance"));
        Path f = goals.resolve("meta.yaml");
        Files.writeString(f, """
                title: {es: Meta, en: Goal}
                department: Movilidad
                category: mobility
                start: 2014-01-01
                end: 2014-12-31
                measures:
                  - id: a
                    title: A
                    dataset: no-existe
                    aggregate: count
                    period: mes
                    every: month
                  - id: b
                    title: B
                    dataset: accidentes-carreteros
                    aggregate: sum
                    column: lluvia
                    period: mes
                    every: month
                  - id: c
                    title: C
                    dataset: accidentes-carreteros
                    aggregate: avg
                    column: entidad_federativa_escrita
                    where: "color = 'rojo'"
                    period: mes
                    every: month
                  - id: d
                    title: D
                    aggregate: rate
                    rate: {numerator: d, denominator: b}
                    every: month
                """);
        ZocaloCommandTest.Run r = ZocaloCommandTest.run("performance", "check", "--data", data.toString(), "--performance", goals.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains(f + ":7: measures[1].dataset: names no published dataset: 'no-existe'");
        assertThat(r.err()).contains(f + ":13: measures[2].column: names no column of accidentes-carreteros");
        assertThat(r.err()).contains(f + ":20: measures[3].column: column 'entidad_federativa_escrita' holds text values, not numbers");
        assertThat(r.err()).contains(f + ":20: measures[3].where: ");
        assertThat(r.err()).contains(f + ":28: measures[4].rate.numerator: is the rate itself");
        assertThat(r.err()).contains("performance: 5 error(s)");
    }

    @Test
    void check_of_good_goals_exits_0_and_a_publish_computes_the_goals_that_read_the_dataset() throws Exception {
        Path goals = Files.createDirectories(tmp.resolve("performance"));
        Files.copy(Path.of("../performance/accidentes-nuevo-leon.yaml"), goals.resolve("accidentes-nuevo-leon.yaml"));
        Path data = tmp.resolve("data");
        ZocaloCommandTest.Run published = ZocaloCommandTest.run("publish", "--data", data.toString(), "--performance", goals.toString(),
                "../mappings/accidentes-carreteros");
        assertThat(published.exit()).as(published.err()).isZero();
        assertThat(published.err()).contains("performance: accidentes-nuevo-leon computed again");
        try (TdbStore store = TdbStore.open(data)) {
            PortalIris iris = new PortalIris(StoreOptions.DEFAULT_BASE);
            long observations = store.read(dsg -> dsg.getGraph(iris.iri("graph/performance")).find(null,
                    org.apache.jena.vocabulary.RDF.type.asNode(), org.apache.jena.graph.NodeFactory.createURI("http://purl.org/linked-data/cube#Observation"))
                    .toList().size());
            assertThat(observations).isEqualTo(24); // two measures, twelve months
        }
        ZocaloCommandTest.Run r = ZocaloCommandTest.run("performance", "check", "--data", data.toString(), "--performance", goals.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("performance: 1 goal(s), no errors");
        // the cubes' graph is the portal's own: the store check does not report it
        ZocaloCommandTest.Run check = ZocaloCommandTest.run("store", "check", "--data", data.toString());
        assertThat(check.out() + check.err()).doesNotContain("graph/performance");
    }
}
