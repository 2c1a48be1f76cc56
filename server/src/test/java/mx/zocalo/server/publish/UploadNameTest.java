package mx.zocalo.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Client file names made safe: never a path out of the upload folder, never hidden, bounded, with the content's extension. */
class UploadNameTest {
    @Test
    void names_that_try_to_leave_their_folder_keep_only_a_safe_last_component() {
        Path folder = Path.of("/data/uploads/abc");
        String[] evil = {"../../etc/passwd", "..\\..\\x.csv", "..", ".", "", null, "a\u0000b.csv", "/abs/path.xlsx", "C:\\temp\\..\\z.csv",
                "....//....//x", ".hidden.csv", "x\r\nSet-Cookie: a=b.csv", "<script>.csv", "Año 2020 (final).csv", "x".repeat(5000) + ".csv",
                "\u202Egnp.csv"};
        for (String name : evil) {
            String safe = UploadName.sanitise(name, FileKind.CSV);
            assertThat(safe).as(String.valueOf(name)).matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.csv").hasSizeLessThanOrEqualTo(UploadName.MAX)
                    .doesNotContain("..");
            assertThat(folder.resolve(safe).normalize().getParent()).isEqualTo(folder);
        }
        assertThat(UploadName.sanitise("../../etc/passwd", FileKind.CSV)).isEqualTo("passwd.csv");
        assertThat(UploadName.sanitise("..\\x.csv", FileKind.CSV)).isEqualTo("x.csv");
        assertThat(UploadName.sanitise("Año 2020 (final).xls", FileKind.XLSX)).isEqualTo("Ano_2020_final.xlsx");
        assertThat(UploadName.sanitise("..", FileKind.XLS)).isEqualTo("datos.xls");
    }
}
