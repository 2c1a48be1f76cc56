package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A workbook source reads the sheet its logical source names (rml:iterator), by name or by 1-based position. */
class SheetSelectionTest {
    static final Node NAME = NodeFactory.createURI("http://example.com/name");
    /** The repository's real workbook (one sheet), as the portal's mapping reads it. */
    static final Path CRIME = Path.of("..", "mappings", "incidencia-delictiva-estatal", "IncidenciaDelictivaEstatal.xlsx");

    @TempDir
    Path dir;

    /** Two sheets: "Estados" (code, state) first, "Municipios" (code, municipality) second. */
    private Path workbook(String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        try (Workbook wb = fileName.endsWith(".xls") ? new HSSFWorkbook() : new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            sheet(wb, "Estados", new String[][] {{"clave", "nombre"}, {"01", "Aguascalientes"}, {"02", "Baja California"}});
            sheet(wb, "Municipios", new String[][] {{"clave", "nombre"}, {"001", "Aguascalientes"}, {"002", "Asientos"},
                    {"003", "Calvillo"}});
            wb.write(out);
        }
        return file;
    }

    private static void sheet(Workbook wb, String name, String[][] rows) {
        Sheet sheet = wb.createSheet(name);
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                row.createCell(c).setCellValue(rows[r][c]);
            }
        }
    }

    private Path mapping(String source, String iterator) throws IOException {
        String ls = "rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ; rml:path \"" + source + "\" ] ;"
                + " rml:referenceFormulation rml:CSV" + (iterator == null ? "" : " ; rml:iterator \"" + iterator + "\"");
        Path file = dir.resolve("mapping.rml.ttl");
        Files.writeString(file, """
                @prefix rml: <http://w3id.org/rml/> .
                <#Lugar> rml:logicalSource [ %s ] ;
                    rml:subjectMap [ rml:template "http://example.com/lugar/{clave}" ] ;
                    rml:predicateObjectMap [ rml:predicate <http://example.com/name> ; rml:objectMap [ rml:reference "nombre" ] ] .
                """.formatted(ls));
        return file;
    }

    private static DatasetGraph convert(Path mapping) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(mapping).base("http://example.com/").build().run(StreamRDFLib.dataset(dsg));
        return dsg;
    }

    private static boolean has(DatasetGraph dsg, String subject, String name) {
        return dsg.getDefaultGraph().contains(NodeFactory.createURI(subject), NAME, NodeFactory.createLiteralString(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lugares.xlsx", "lugares.xls"})
    void given_iterator_naming_the_second_sheet_when_converting_then_its_rows_are_read(String fileName) throws IOException {
        workbook(fileName);
        DatasetGraph dsg = convert(mapping(fileName, "Municipios"));

        assertThat(dsg.getDefaultGraph().size()).isEqualTo(3);
        assertThat(has(dsg, "http://example.com/lugar/003", "Calvillo")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lugares.xlsx", "lugares.xls"})
    void given_iterator_with_a_sheet_position_when_converting_then_that_sheet_is_read(String fileName) throws IOException {
        workbook(fileName);

        assertThat(has(convert(mapping(fileName, "2")), "http://example.com/lugar/002", "Asientos")).isTrue();
        assertThat(has(convert(mapping(fileName, "1")), "http://example.com/lugar/02", "Baja California")).isTrue();
    }

    @Test
    void given_no_iterator_when_converting_a_workbook_then_the_first_sheet_is_read() throws IOException {
        workbook("lugares.xlsx");
        DatasetGraph dsg = convert(mapping("lugares.xlsx", null));

        assertThat(dsg.getDefaultGraph().size()).isEqualTo(2);
        assertThat(has(dsg, "http://example.com/lugar/01", "Aguascalientes")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lugares.xlsx", "lugares.xls"})
    void given_unknown_sheet_when_converting_then_error_lists_the_sheets_of_the_workbook(String fileName) throws IOException {
        workbook(fileName);
        ConversionException e = catchThrowableOfType(ConversionException.class,
                () -> convert(mapping(fileName, "Localidades")));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(fileName + ": the workbook has no sheet \"Localidades\"; its sheets are: "
                + "\"Estados\", \"Municipios\"").contains("logical source of <#Lugar>");
        assertThat(catchThrowableOfType(ConversionException.class, () -> convert(mapping(fileName, "3"))).getMessage())
                .contains("no sheet \"3\"").contains("a position from 1 to 2");
    }

    @Test
    void given_two_triples_maps_on_two_sheets_of_one_workbook_when_converting_then_each_reads_its_own() throws IOException {
        workbook("lugares.xlsx");
        Path file = dir.resolve("two.rml.ttl");
        Files.writeString(file, """
                @prefix rml: <http://w3id.org/rml/> .
                <#Estado> rml:logicalSource [ rml:source "lugares.xlsx" ; rml:referenceFormulation rml:CSV ; rml:iterator "Estados" ] ;
                    rml:subjectMap [ rml:template "http://example.com/estado/{clave}" ] ;
                    rml:predicateObjectMap [ rml:predicate <http://example.com/name> ; rml:objectMap [ rml:reference "nombre" ] ] .
                <#Municipio> rml:logicalSource [ rml:source "lugares.xlsx" ; rml:referenceFormulation rml:CSV ; rml:iterator "Municipios" ] ;
                    rml:subjectMap [ rml:template "http://example.com/municipio/{clave}" ] ;
                    rml:predicateObjectMap [ rml:predicate <http://example.com/name> ; rml:objectMap [ rml:reference "nombre" ] ] .
                """);
        DatasetGraph dsg = convert(file);

        assertThat(dsg.getDefaultGraph().size()).isEqualTo(5);
        assertThat(has(dsg, "http://example.com/estado/02", "Baja California")).isTrue();
        assertThat(has(dsg, "http://example.com/municipio/002", "Asientos")).isTrue();
    }

    @Test
    void given_legacy_rml_mapping_with_sheet_iterator_when_converting_then_that_sheet_is_read() throws IOException {
        workbook("lugares.xlsx");
        Path file = dir.resolve("legacy.rml.ttl");
        Files.writeString(file, """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix rml: <http://semweb.mmlab.be/ns/rml#> .
                @prefix ql: <http://semweb.mmlab.be/ns/ql#> .
                <#Municipio> rml:logicalSource [ rml:source "lugares.xlsx" ; rml:referenceFormulation ql:CSV ; rml:iterator "Municipios" ] ;
                    rr:subjectMap [ rr:template "http://example.com/municipio/{clave}" ] ;
                    rr:predicateObjectMap [ rr:predicate <http://example.com/name> ; rr:objectMap [ rml:reference "nombre" ] ] .
                """);

        assertThat(has(convert(file), "http://example.com/municipio/003", "Calvillo")).isTrue();
    }

    @Test
    void given_the_real_crime_workbook_when_its_sheet_is_chosen_by_name_then_it_reads_and_a_wrong_name_lists_it() {
        assertThat(CRIME).exists();
        try (TableReader table = TableSources.open(CRIME, TableOptions.DEFAULT.withSheet("Incidencia Estatal 1997-122014"))) {
            assertThat(table.description()).isEqualTo("IncidenciaDelictivaEstatal.xlsx (sheet \"Incidencia Estatal 1997-122014\")");
            assertThat(table.header()).startsWith("AÑO", "ENTIDAD", "MODALIDAD");
            assertThat(table.next().values()).startsWith("1997", "AGUASCALIENTES");
        }
        TableSourceException e = catchThrowableOfType(TableSourceException.class,
                () -> TableSources.open(CRIME, TableOptions.DEFAULT.withSheet("Hoja1")));
        assertThat(e.getMessage()).isEqualTo("IncidenciaDelictivaEstatal.xlsx: the workbook has no sheet \"Hoja1\"; its sheets "
                + "are: \"Incidencia Estatal 1997-122014\" (give a name, or a position from 1 to 1)");
    }

    @Test
    void given_csv_source_with_an_iterator_when_converting_then_the_iterator_is_ignored() throws IOException {
        Files.writeString(dir.resolve("lugares.csv"), "clave,nombre\n01,Aguascalientes\n");

        assertThat(has(convert(mapping("lugares.csv", "Estados")), "http://example.com/lugar/01", "Aguascalientes")).isTrue();
    }
}
