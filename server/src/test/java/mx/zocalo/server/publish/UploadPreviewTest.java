package mx.zocalo.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the portal says it read in real uploads, and what an attached mapping makes of them. */
class UploadPreviewTest {
    static final Path DATA = Path.of("/work/shared/data");
    static final String BASE = "https://datos.example.mx/";

    @TempDir
    Path data;

    Upload.Staged stage(Path file) throws Exception {
        return new Upload(data, Upload.Limits.defaults()).stage(Files.newInputStream(file), file.getFileName().toString(), "a@b.mx");
    }

    @Test
    void a_latin1_csv_is_read_as_latin1_with_its_columns_and_first_rows() throws Exception {
        Path csv = DATA.resolve("poverty-municipal/Indicadores_municipales_sabana_DA.csv");
        UploadPreview.Model m = new UploadPreview(BASE).of(stage(csv), UploadPreview.Corrections.NONE, null, "pobreza");
        assertThat(m.error()).isNull();
        assertThat(m.kind()).isEqualTo("CSV");
        List<CSVRecord> records;
        List<String> header;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.ISO_8859_1)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
            header = parser.getHeaderNames();
            records = parser.getRecords();
        }
        assertThat(m.rowCount()).isEqualTo(records.size());
        assertThat(m.columns()).extracting(UploadPreview.Column::title).containsExactlyElementsOf(header);
        assertThat(m.rows().get(0)).containsExactlyElementsOf(records.get(0).toList());
        assertThat(m.rows()).hasSize(UploadPreview.ROWS);
        assertThat(m.readAs()).contains("windows-1252").doesNotContainIgnoringCase("UTF-8"); // Latin-1 as Windows writes it
        assertThat(m.turtle()).contains("<" + BASE + "id/pobreza/" + records.get(0).get("clave_mun") + ">").contains("def:nom_mun");
    }

    @Test
    void a_workbook_lists_its_sheets_and_its_title_and_footnote_rows() throws Exception {
        Path xlsx = DATA.resolve("crime-municipal-2011-2014/siha_2_2_4_9_dic_2015.xlsx");
        UploadPreview.Model m = new UploadPreview(BASE).of(stage(xlsx), UploadPreview.Corrections.NONE, null, null);
        assertThat(m.kind()).isEqualTo("XLSX");
        assertThat(m.sheets()).containsExactly("Fuero común");
        assertThat(m.headerRow()).isEqualTo(4);
        assertThat(String.join("\\n", m.notes())).contains("title").contains("footnote");
        assertThat(m.columns()).extracting(UploadPreview.Column::title).startsWith("Clave", "Estado", "Municipio");
        UploadPreview.Model wrong = new UploadPreview(BASE).of(stage(xlsx), new UploadPreview.Corrections(null, "Otra hoja", null), null, null);
        assertThat(wrong.error()).contains("Otra hoja");
    }

    @Test
    void an_attached_mapping_shows_its_first_records_or_the_column_it_misses() throws Exception {
        Upload.Staged staged = stage(DATA.resolve("accidents-states/sct_71_accidentes_mes.csv"));
        String file = staged.file().getFileName().toString();
        Path good = staged.folder().resolve(Upload.MAPPING_YAML);
        Files.writeString(good, """
                prefixes:
                  ex: https://datos.example.mx/def/accidentes#
                mappings:
                  fila:
                    sources: [[%s~csv]]
                    s: https://datos.example.mx/id/accidentes/$(entidad_federativa)/$(mes)
                    po:
                      - [ex:muertos, $(muertos)]
                """.formatted(file));
        UploadPreview.Model m = new UploadPreview(BASE).of(staged, UploadPreview.Corrections.NONE, good, "accidentes");
        assertThat(m.mapping().error()).isNull();
        assertThat(m.mapping().rows()).isEqualTo(m.rowCount());
        assertThat(m.mapping().turtle()).contains("ex:muertos").contains("<https://datos.example.mx/id/accidentes/Aguascalientes/enero>");

        Files.writeString(good, Files.readString(good).replace("$(muertos)", "$(fallecidos)"));
        UploadPreview.Model bad = new UploadPreview(BASE).of(staged, UploadPreview.Corrections.NONE, good, "accidentes");
        assertThat(bad.mapping().error()).contains("fallecidos");
    }
}
