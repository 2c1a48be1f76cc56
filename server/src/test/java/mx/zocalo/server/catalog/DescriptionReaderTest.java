package mx.zocalo.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptionReaderTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/pagos-prueba");

    @Test
    void given_a_folder_when_read_then_every_field_is_parsed() {
        DatasetDescription d = DescriptionReader.read(FIXTURE);
        assertThat(d.slug()).isEqualTo("pagos-prueba");
        assertThat(d.title()).containsEntry("es", "Pagos a proveedores (prueba)").containsEntry("en", "Payments to suppliers (test)");
        assertThat(d.publisher().name()).isEqualTo("Tesorería Municipal de Prueba");
        assertThat(d.publisher().homepage()).isEqualTo("https://example.org/tesoreria");
        assertThat(d.contact().email()).isEqualTo("datos@example.org");
        assertThat(d.themes()).containsExactly("GOVE", "ECON");
        assertThat(d.keywords().get("en")).containsExactly("payments", "suppliers");
        assertThat(d.license()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
        assertThat(d.source().file()).endsWith(Path.of("pagos.csv")).exists();
        assertThat(d.source().mediaType()).isEqualTo("text/csv");
        assertThat(d.mapping()).endsWith(Path.of("mapping.rml.ttl")).exists();
        assertThat(d.issued()).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(d.temporalStart()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(d.temporalEnd()).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(d.accrualPeriodicity()).isEqualTo("MONTHLY");
        assertThat(d.sampleQuery()).isNull();
    }

    @Test
    void given_an_organisation_when_read_then_it_owns_the_dataset_and_a_wrong_one_is_refused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
        Files.writeString(dir.resolve("dataset.yaml"), "slug: x\ntitle: {es: Hola}\nsource: {file: d.csv}\norganisation: hacienda\n");
        assertThat(DescriptionReader.read(dir).organisation()).isEqualTo("hacienda");
        Files.writeString(dir.resolve("dataset.yaml"), "slug: x\ntitle: {es: Hola}\nsource: {file: d.csv}\n");
        assertThat(DescriptionReader.read(dir).organisation()).isNull();
        Files.writeString(dir.resolve("dataset.yaml"), "slug: x\ntitle: {es: Hola}\nsource: {file: d.csv}\norganisation: \"Hacienda Pública\"\n");
        assertThatThrownBy(() -> DescriptionReader.read(dir)).hasMessageContaining("'organisation'");
    }

    @Test
    void given_source_columns_when_read_then_types_and_labels_are_kept_and_an_unknown_type_is_refused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("d.csv"), "clave,total\n01,2\n");
        Files.writeString(dir.resolve("dataset.yaml"), "slug: x\ntitle: {es: Hola}\nsource:\n  file: d.csv\n  columns:\n"
                + "    total: {type: Decimal, label: {es: Total, en: Sum}}\n    clave: {label: Clave del municipio}\n");
        var columns = DescriptionReader.read(dir).source().columns();
        assertThat(columns.get("total").type()).isEqualTo(mx.zocalo.converter.auto.ColumnType.DECIMAL);
        assertThat(columns.get("total").labelEn()).isEqualTo("Sum");
        assertThat(columns.get("clave").type()).isNull();
        assertThat(columns.get("clave").labelEs()).isEqualTo("Clave del municipio");
        Files.writeString(dir.resolve("dataset.yaml"), "slug: x\ntitle: {es: Hola}\nsource:\n  file: d.csv\n  columns:\n    total: {type: foo}\n");
        assertThatThrownBy(() -> DescriptionReader.read(dir))
                .hasMessageContaining("dataset.yaml: source.columns.total.type: unknown type 'foo', use one of integer, decimal, boolean, date, dateTime, string");
        Files.writeString(dir.resolve("dataset.yaml"), "slug: x\ntitle: {es: Hola}\nsource:\n  file: d.csv\n  columns:\n    total: {kind: foo}\n");
        assertThatThrownBy(() -> DescriptionReader.read(dir)).hasMessageContaining("source.columns.total.kind");
    }

    @Test
    void given_the_yaml_file_itself_when_read_then_same_description() {
        assertThat(DescriptionReader.read(FIXTURE.resolve("dataset.yaml")).slug()).isEqualTo("pagos-prueba");
    }

    @Test
    void given_a_missing_slug_when_read_then_the_error_names_file_and_field(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("dataset.yaml"), "title: {es: Hola}\nmapping: m.ttl\nsource: {file: d.csv}\n");
        assertThatThrownBy(() -> DescriptionReader.read(dir))
                .isInstanceOf(DescriptionException.class)
                .hasMessageContaining("dataset.yaml")
                .hasMessageContaining("'slug'");
    }

    @Test
    void given_a_missing_data_file_when_read_then_the_error_says_which(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("m.ttl"), "");
        Files.writeString(dir.resolve("dataset.yaml"), "slug: x\ntitle: {es: Hola}\nmapping: m.ttl\nsource: {file: no-esta.csv}\n");
        assertThatThrownBy(() -> DescriptionReader.read(dir)).hasMessageContaining("source.file").hasMessageContaining("no-esta.csv");
    }

    @Test
    void given_a_geojson_source_without_a_mapping_when_read_then_the_error_asks_for_one(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("../mappings/lugares/mexico_estados.geojson"), dir.resolve("mexico_estados.geojson"));
        Files.writeString(dir.resolve("dataset.yaml"), "slug: x\ntitle: {es: Hola}\nsource: {file: mexico_estados.geojson}\n");
        assertThatThrownBy(() -> DescriptionReader.read(dir)).isInstanceOf(DescriptionException.class)
                .hasMessageContaining("dataset.yaml").hasMessageContaining("'mapping'")
                .hasMessageContaining("mexico_estados.geojson is JSON, not a table");
    }

    @Test
    void given_a_bad_date_when_read_then_the_error_names_the_field(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("m.ttl"), "");
        Files.writeString(dir.resolve("d.csv"), "a\n1\n");
        Files.writeString(dir.resolve("dataset.yaml"),
                "slug: x\ntitle: {es: Hola}\nmapping: m.ttl\nsource: {file: d.csv}\nissued: ayer\n");
        assertThatThrownBy(() -> DescriptionReader.read(dir)).hasMessageContaining("'issued'");
    }

    @Test
    void given_an_uppercase_slug_when_read_then_it_is_refused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("dataset.yaml"), "slug: Mal Slug\ntitle: {es: Hola}\n");
        assertThatThrownBy(() -> DescriptionReader.read(dir)).hasMessageContaining("'slug'");
    }

    @Test
    void given_no_mapping_when_read_then_automatic_with_the_table_options_of_the_source(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("d.xlsx"), "x");
        Files.writeString(dir.resolve("dataset.yaml"),
                "slug: delitos\ntitle: {es: Delitos}\nsource: {file: d.xlsx, sheet: Fuero común, headerRow: 3, idColumn: Clave}\n");
        DatasetDescription d = DescriptionReader.read(dir);

        assertThat(d.automatic()).isTrue();
        assertThat(d.mapping()).isNull();
        assertThat(d.source().sheet()).isEqualTo("Fuero común");
        assertThat(d.source().headerRow()).isEqualTo(3);
        assertThat(d.source().idColumn()).isEqualTo("Clave");

        Files.writeString(dir.resolve("dataset.yaml"), "slug: delitos\ntitle: {es: Delitos}\nsource: {file: d.xlsx, headerRow: cero}\n");
        assertThatThrownBy(() -> DescriptionReader.read(dir)).hasMessageContaining("source.headerRow");
    }

    @Test
    void given_encoding_and_delimiter_when_read_then_the_source_options_and_wrong_ones_name_the_field(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("d.csv"), "a;b\n1;2\n");
        Files.writeString(dir.resolve("d.xlsx"), "x");
        Files.writeString(dir.resolve("m.yml"), "");
        Path yaml = dir.resolve("dataset.yaml");
        Files.writeString(yaml, "slug: d\ntitle: {es: D}\nmapping: m.yml\nsource: {file: d.csv, encoding: windows-1252, delimiter: ';', "
                + "headerRow: 2}\n");

        DatasetDescription d = DescriptionReader.read(dir);
        assertThat(d.source().options()).isEqualTo(new mx.zocalo.converter.SourceOptions(2, null,
                java.nio.charset.Charset.forName("windows-1252"), ';'));

        String[][] wrong = {
            {"{file: d.csv, encoding: klingon}", "field 'source.encoding' is wrong: unknown character set \"klingon\""},
            {"{file: d.csv, delimiter: ';;'}", "field 'source.delimiter' is wrong: the delimiter is one character"},
            {"{file: d.xlsx, delimiter: ';'}", "field 'source.delimiter' is for CSV files; d.xlsx is an Excel workbook"},
            {"{file: d.xlsx, encoding: UTF-8}", "field 'source.encoding' is for CSV files; d.xlsx is an Excel workbook"},
            {"{file: d.csv, sheet: Hoja1}", "field 'source.sheet' is for Excel workbooks (.xlsx, .xls); d.csv is one table"},
        };
        for (String[] w : wrong) {
            Files.writeString(yaml, "slug: d\ntitle: {es: D}\nmapping: m.yml\nsource: " + w[0] + "\n");
            assertThatThrownBy(() -> DescriptionReader.read(dir)).as(w[0]).isInstanceOf(DescriptionException.class)
                    .hasMessageContaining(w[1]);
        }
    }
}
