package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;

/**
 * Options given to a conversion (dataset.yaml's source:, convert's options) for how to read a mapping's tables: they apply
 * where the mapping says nothing, the mapping's own win; and the error when a column is missing says how the table was read.
 */
class SourceOptionsTest {
    static final String BASE = "https://datos.example.mx/";
    static final Path SIHA = TestData.file("siha_2_2_4_9_dic_2015.xlsx");
    static final Node AGUASCALIENTES = NodeFactory.createURI(BASE + "id/municipio/01001");

    private static Graph convert(Conversion.Builder builder) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        builder.base(BASE).rowErrors(e -> {}).build().run(StreamRDFLib.dataset(dsg));
        return dsg.getDefaultGraph();
    }

    @Test
    void given_a_header_row_for_the_file_when_the_mapping_says_nothing_then_the_mapping_reads_from_it() {
        Graph g = convert(Conversion.builder().mapping(TestData.file("siha.yml"))
                .sourceOptions(SIHA, SourceOptions.NONE.withHeaderRow(4).withSheet("1")));

        assertThat(g.contains(AGUASCALIENTES, RDFS.label.asNode(), NodeFactory.createLiteralLang("Aguascalientes", "es"))).isTrue();
    }

    @Test
    void given_options_for_every_source_then_they_apply_to_the_mapping_s_tables_and_those_for_the_file_win() {
        Graph all = convert(Conversion.builder().mapping(TestData.file("diccionario.yml")).sourceOptions(SourceOptions.NONE.withHeaderRow(4)));
        Graph perFile = convert(Conversion.builder().mapping(TestData.file("diccionario.yml"))
                .sourceOptions(SourceOptions.NONE.withHeaderRow(1))
                .sourceOptions(TestData.file("diccionario_datos_iter_19CSV20.csv"), SourceOptions.NONE.withHeaderRow(4)));
        Node pobtot = NodeFactory.createURI(BASE + "id/indicador/POBTOT");

        assertThat(all.contains(pobtot, RDFS.label.asNode(), Node.ANY)).isTrue();
        assertThat(perFile.isIsomorphicWith(all)).isTrue();
    }

    @Test
    void given_the_mapping_s_own_dialect_then_it_wins_over_the_options_given() {
        // municipios-csvw.rml.ttl says csvw:skipRows 2; a header row 1 given from outside would read the title instead
        Graph g = convert(Conversion.builder().mapping(TestData.file("municipios-csvw.rml.ttl"))
                .sourceOptions(SIHA, SourceOptions.NONE.withHeaderRow(1)));
        Graph yaml = convert(Conversion.builder().mapping(TestData.file("siha-header-row.yml"))
                .sourceOptions(SIHA, SourceOptions.NONE.withHeaderRow(1).withSheet("Hoja que no existe")));

        assertThat(g.contains(AGUASCALIENTES, RDFS.label.asNode(), NodeFactory.createLiteralLang("Aguascalientes", "es"))).isTrue();
        assertThat(yaml.contains(AGUASCALIENTES, RDFS.label.asNode(), NodeFactory.createLiteralLang("Aguascalientes", "es"))).isTrue();
    }

    @Test
    void given_a_column_below_title_lines_when_missing_then_the_error_says_how_the_csv_was_read_and_where_the_name_is() {
        ConversionException e = catchThrowableOfType(ConversionException.class,
                () -> Conversion.builder().mapping(TestData.file("diccionario.yml")).base(BASE).build().run(StreamRDFLib.sinkNull()));

        assertThat(e.getMessage()).startsWith("diccionario_datos_iter_19CSV20.csv: column \"Mnemónico\" does not exist (subject map of "
                        + "<#Indicador>); the columns are: \"CENSO DE POBLACIÓN Y VIVIENDA 2020\", \"column_2\"")
                .contains(". The table was read with encoding UTF-8 (detected), delimiter \",\", the header on line 1. ")
                .contains("\"Mnemónico\" is in row 4: if that is the header, say so (headerRow: 4 under source: in dataset.yaml or on "
                        + "the YAML mapping's source, --header-row 4 on convert, csvw:skipRows 3 in an RML mapping's csvw:dialect");
        assertThat(e.column()).isEqualTo("Mnemónico");
    }

    @Test
    void given_the_wrong_delimiter_when_a_column_is_missing_then_the_error_names_the_one_in_the_header_and_the_header_row() {
        ConversionException e = catchThrowableOfType(ConversionException.class, () -> Conversion.builder()
                .mapping(TestData.file("diccionario.yml")).base(BASE).sourceOptions(SourceOptions.NONE.withDelimiter(';'))
                .build().run(StreamRDFLib.sinkNull()));

        assertThat(e.getMessage()).contains("The table was read with encoding UTF-8 (detected), delimiter \";\", the header on line 1.")
                .contains("The names hold \",\": if that is the delimiter, say so (delimiter: \",\" in dataset.yaml or the YAML "
                        + "source, --delimiter \",\" on convert, csvw:delimiter in an RML mapping); read so, \"Mnemónico\" is in row 4, "
                        + "so the header row is 4 (headerRow: 4");
    }

    @Test
    void given_a_workbook_whose_sheet_lacks_the_column_then_the_error_names_the_sheet_read_and_the_header_row() {
        ConversionException e = catchThrowableOfType(ConversionException.class,
                () -> Conversion.builder().mapping(TestData.file("siha.yml")).base(BASE).build().run(StreamRDFLib.sinkNull()));

        assertThat(e.getMessage()).contains("The table was read with sheet \"Fuero común\" (the only sheet), the header on sheet row 2 "
                + "(the row above it left out). \"Clave\" is in sheet row 4: if that is the header, say so (headerRow: 4");
    }
}
