package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.converter.auto.AutoMapping;
import mx.zocalo.converter.auto.ColumnProfile;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSources;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which resource each of a table's first rows became ({@link Conversion.Builder#rowResources}). */
class RowResourcesTest {
    static final String BASE = "https://datos.example.mx/";
    static final int FIRST = 10;

    record Heard(Path table, long row, long line, String resource) {}

    /** The first {@code n} rows of {@code file} as the readers give them. */
    static List<TableRow> firstRows(Path file, TableOptions options, int n) {
        List<TableRow> rows = new ArrayList<>();
        try (TableReader reader = TableSources.open(file, options)) {
            for (TableRow r = reader.next(); r != null && rows.size() < n; r = reader.next()) rows.add(r);
        }
        return rows;
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 4})
    void given_two_triples_maps_on_a_table_when_converting_then_each_first_row_is_heard_with_the_resource_made_for_it_alone(int threads) {
        List<Heard> heard = new ArrayList<>();
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(TestData.file("spending-row-resources.rml.ttl")).base(BASE).threads(threads)
                .rowResources(FIRST, (table, row, line, resource) -> heard.add(new Heard(table, row, line, resource)))
                .build().run(StreamRDFLib.dataset(dsg));

        Path csv = TestData.file("data_total.csv");
        List<TableRow> rows = firstRows(csv, TableOptions.DEFAULT, FIRST);
        List<String> header;
        try (TableReader reader = TableSources.open(csv, TableOptions.DEFAULT)) {
            header = reader.header();
        }
        int subsidies = header.indexOf("GC_SUBSIDIOS");
        int total = header.indexOf("TOTAL");
        // the rows with an allocation: those whose GC_SUBSIDIOS is filled in
        List<TableRow> allocated = rows.stream().filter(r -> r.value(subsidies) != null).toList();
        assertThat(allocated).isNotEmpty().hasSizeLessThan(FIRST);

        assertThat(heard).extracting(Heard::row).containsExactlyElementsOf(allocated.stream().map(TableRow::number).toList());
        assertThat(heard).extracting(Heard::line).containsExactlyElementsOf(allocated.stream().map(TableRow::line).toList());
        assertThat(heard).allSatisfy(h -> assertThat(h.table()).isEqualTo(csv));
        assertThat(heard).extracting(Heard::resource).doesNotHaveDuplicates();
        Graph g = dsg.getDefaultGraph();
        Node zocTotal = NodeFactory.createURI("http://example.com/def/zocalo#total");
        for (int i = 0; i < heard.size(); i++) {
            Node s = NodeFactory.createURI(heard.get(i).resource());
            // the allocation of that very row: its total is the row's
            assertThat(g.contains(s, zocTotal, NodeFactory.createLiteralString(allocated.get(i).value(total))))
                    .as("row %d: %s", heard.get(i).row(), s).isTrue();
        }
    }

    @Test
    void given_no_request_when_converting_then_nothing_is_heard() {
        List<Heard> heard = new ArrayList<>();
        Conversion.builder().mapping(TestData.file("spending-row-resources.rml.ttl")).base(BASE)
                .rowResources(0, (table, row, line, resource) -> heard.add(new Heard(table, row, line, resource)))
                .build().run(StreamRDFLib.sinkNull());
        assertThat(heard).isEmpty();
    }

    @Test
    void given_a_table_without_mapping_when_converting_then_each_first_row_is_heard_with_its_row_resource() {
        Path csv = TestData.file("sct_71_accidentes_mes.csv");
        AutoMapping inferred = AutoMapping.infer(csv, TableOptions.AUTO, BASE, "accidentes", null);
        List<Heard> heard = new ArrayList<>();
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Conversion.builder().auto(inferred)
                .rowResources(5, (table, row, line, resource) -> heard.add(new Heard(table, row, line, resource)))
                .build().run(StreamRDFLib.dataset(dsg));

        List<TableRow> rows = firstRows(csv, TableOptions.AUTO, 5);
        assertThat(heard).extracting(Heard::row).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(heard).extracting(Heard::line).containsExactlyElementsOf(rows.stream().map(TableRow::line).toList());
        assertThat(heard).extracting(Heard::resource).doesNotHaveDuplicates();
        ColumnProfile state = inferred.columns().get(0);
        Node p = NodeFactory.createURI(inferred.propertyIri(state));
        for (int i = 0; i < heard.size(); i++) {
            Node s = NodeFactory.createURI(heard.get(i).resource());
            assertThat(dsg.getDefaultGraph().contains(s, p, NodeFactory.createLiteralString(rows.get(i).value(state.index()))))
                    .as("row %d", i + 1).isTrue();
        }
    }
}
