package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.FIXTURES;
import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.ColumnType;
import mx.zocalo.server.table.Table;
import mx.zocalo.server.table.TableModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing keeps each dataset's table model beside its files; {@code zocalo tables rebuild} computes it again. */
class TablesCommandTest {
    @TempDir
    Path tmp;

    @Test
    void publish_keeps_the_table_model_and_rebuild_computes_the_same_again() throws Exception {
        Path data = tmp.resolve("data");
        Run published = run("publish", "--data", data.toString(), FIXTURES.resolve("pagos-prueba").toString(),
                FIXTURES.resolve("accidentes-sin-mapeo").toString());
        assertThat(published.exit()).as(published.err()).isZero();
        Path pagos = data.resolve("files/pagos-prueba/" + TableModels.FILE);
        Path accidentes = data.resolve("files/accidentes/" + TableModels.FILE);
        assertThat(pagos).isRegularFile();
        assertThat(accidentes).isRegularFile();

        List<Table> tables = TableModels.read(pagos.getParent()).orElseThrow();
        assertThat(tables).extracting(Table::name).containsExactly("pago", "proveedor");
        Table pago = tables.get(0);
        assertThat(pago.rows()).isEqualTo(4);
        assertThat(pago.columns()).extracting(Column::name).containsExactly("label", "fecha", "monto", "proveedor");
        assertThat(pago.columns()).extracting(Column::type).containsExactly(ColumnType.TEXT, ColumnType.DATE, ColumnType.DECIMAL, ColumnType.LINK);
        assertThat(pago.column("proveedor").orElseThrow().labelLanguage()).isEqualTo(""); // the suppliers' labels have no language tag

        // a dataset published without a mapping: its rows, not the description of its columns, are the main table
        Table registro = TableModels.read(accidentes.getParent()).orElseThrow().get(0);
        assertThat(registro.name()).isEqualTo("registro");
        assertThat(registro.rows()).isEqualTo(Files.readAllLines(FIXTURES.resolve("accidentes-sin-mapeo/sct_71_accidentes_mes.csv")).size() - 1);
        assertThat(registro.columnNames()).contains("entidad_federativa", "mes", "accidentes", "muertos");
        assertThat(registro.column("accidentes").orElseThrow().type().kind()).isEqualTo(ColumnType.Kind.NUMBER);

        String before = Files.readString(pagos);
        Files.delete(pagos);
        Files.delete(accidentes);
        Run r = run("tables", "rebuild", "--data", data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("pagos-prueba: 2 tables (pago 4 rows, 4 columns, proveedor 3 rows, 1 columns)")
                .contains("accidentes: ");
        assertThat(Files.readString(pagos)).isEqualTo(before);
        assertThat(accidentes).isRegularFile();

        Run one = run("tables", "rebuild", "--data", data.toString(), "pagos-prueba");
        assertThat(one.exit()).isZero();
        assertThat(one.out()).contains("pagos-prueba").doesNotContain("accidentes");

        Run unknown = run("tables", "rebuild", "--data", data.toString(), "no-existe");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no dataset called 'no-existe'").contains("published: accidentes, pagos-prueba");

        // withdrawn: no longer a dataset with data
        assertThat(run("unpublish", "--data", data.toString(), "pagos-prueba").exit()).isZero();
        Run after = run("tables", "rebuild", "--data", data.toString());
        assertThat(after.out()).doesNotContain("pagos-prueba");
    }
}
