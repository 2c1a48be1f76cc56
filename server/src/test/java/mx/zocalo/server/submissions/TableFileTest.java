package mx.zocalo.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFileTest {
    @TempDir
    Path tmp;

    @Test
    void kinds_are_read_from_the_bytes_whatever_the_name() throws Exception {
        assertThat(TableFile.kindOf(Path.of("/work/shared/data/accidents-states/sct_71_accidentes_mes.csv"))).isEqualTo(TableFile.Kind.CSV);
        assertThat(TableFile.kindOf(Path.of("/work/shared/data/poverty-municipal/Indicadores_municipales_sabana_DIC.csv")))
                .isEqualTo(TableFile.Kind.CSV);
        assertThat(TableFile.kindOf(Path.of("/work/shared/data/crime-municipal-2011-2014/siha_2_2_4_9_dic_2015.xlsx"))).isEqualTo(TableFile.Kind.XLSX);
        assertThat(TableFile.kindOf(Path.of("../site/screenshots/chart-bar-ramo-390.png"))).isNull();
        Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/org/apache/commons/commons-csv/1.14.1/commons-csv-1.14.1.jar");
        assertThat(TableFile.kindOf(jar)).as("a zip that is no workbook").isNull();
        Path ole = tmp.resolve("x.xls");
        byte[] head = new byte[512];
        System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}, 0, head, 0, 8);
        Files.write(ole, head);
        assertThat(TableFile.kindOf(ole)).isEqualTo(TableFile.Kind.XLS);
        Path latin1 = tmp.resolve("latin1.csv");
        Files.write(latin1, "municipio,población\nSan Nicolás,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(TableFile.kindOf(latin1)).isEqualTo(TableFile.Kind.CSV);
    }

    @Test
    void names_lose_their_folders_and_odd_characters_and_get_the_kind_s_extension() {
        assertThat(TableFile.safeName("../../x.csv", TableFile.Kind.CSV)).isEqualTo("x.csv");
        assertThat(TableFile.safeName("..\\..\\Windows\\system.ini", TableFile.Kind.CSV)).isEqualTo("system.csv");
        assertThat(TableFile.safeName("Población 2020 (final).XLSX", TableFile.Kind.XLSX)).isEqualTo("poblacion-2020-final.xlsx");
        assertThat(TableFile.safeName(".htaccess", TableFile.Kind.CSV)).isEqualTo("tabla.csv");
        assertThat(TableFile.safeName("datos.png", TableFile.Kind.CSV)).isEqualTo("datos.csv");
        assertThat(TableFile.safeName(null, TableFile.Kind.XLS)).isEqualTo("tabla.xls");
        assertThat(TableFile.safeName("a".repeat(300) + ".csv", TableFile.Kind.CSV)).hasSize(80);
    }
}
