package mx.zocalo.server.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row index gives the answers SPARQL gives: every query run twice, through a {@link TableService} that uses the
 * index and through one that does not, on the bundled datasets and on a fixture with missing values in every column,
 * accents, ties, numbers, dates, years, booleans and labelled links; the two answers (rows with their values, in
 * order, and the total) must be equal, and the first must come from the index wherever it can express the query —
 * groups too: every column as the group key with every aggregate, two keys, filters, having, order by an aggregate, pages.
 */
class RowIndexTest {
    static final Path MAPPINGS = Path.of("../mappings");
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/filas-prueba");
    static final PortalIris IRIS = new PortalIris("https://datos.example.mx/");

    @TempDir
    static Path dir;
    static TdbStore store;
    static TableService indexed;
    static TableService sparql;

    @BeforeAll
    static void publish() {
        assumeTrue(Files.isDirectory(MAPPINGS), "no ../mappings folder");
        store = TdbStore.open(dir);
        Vocabularies.load(store, IRIS);
        RowIndex.attach(store, IRIS);
        DatasetPublisher publisher = new DatasetPublisher(store, IRIS);
        publisher.publishAll(MAPPINGS, false);
        publisher.publish(FIXTURE, false);
        indexed = TableService.builder(store, IRIS).build();
        sparql = TableService.builder(store, IRIS).rowIndex(false).build();
    }

    @AfterAll
    static void close() {
        if (store != null) store.close();
    }

    /** Runs {@code q} both ways; asserts the same answer, and whether the index gave it. */
    static RowResult same(String slug, RowQuery q, boolean fromIndex) {
        RowResult a = indexed.query(slug, q, false);
        RowResult b = sparql.query(slug, q, false);
        String what = slug + " " + describe(q);
        assertThat(b.indexed()).isFalse();
        assertThat(a.indexed()).as("answered by the index: " + what).isEqualTo(fromIndex);
        assertThat(a.columns()).as(what).isEqualTo(b.columns());
        assertThat(a.rows()).as(what).isEqualTo(b.rows());
        assertThat(a.total()).as("total of " + what).isEqualTo(b.total());
        return a;
    }

    static RowResult same(String slug, UnaryOperator<RowQuery.Builder> q) {
        return same(slug, q.apply(RowQuery.builder()).build(), true);
    }

    static String describe(RowQuery q) {
        return "where=" + q.where() + " order=" + q.order() + " q=" + q.search() + " offset=" + q.offset() + " limit=" + q.limit()
                + " select=" + q.select() + " shortcuts=" + q.shortcuts();
    }

    static final List<String> FILTERS = List.of(
            "cantidad > 1", "cantidad >= 2", "cantidad < 0", "cantidad <= 0", "cantidad = 2", "cantidad != 2", "cantidad = 2.5",
            "cantidad < 2.5", "monto > 10", "monto = 10.5", "monto < 1.5e1", "monto != 0", "monto >= '7'",
            "fecha > '2014-01-15'", "fecha = '2014-01-15'", "fecha != '2014-01-15'", "fecha BETWEEN '2014-01-01' AND '2014-12-31'",
            "anio = 2014", "anio != '2014'", "anio > 2013", "anio IN (2013, 2015)",
            "activo = true", "activo", "NOT activo", "activo != false",
            "nombre = 'Zócalo'", "nombre != 'zocalo'", "nombre < 'c'", "nombre >= 'Ñ'", "nombre LIKE 'C%'", "nombre NOT LIKE '%o'",
            "nombre LIKE '_afe'", "nombre IN ('Ñandú', 'niño', 'café')", "nombre NOT IN ('camion', 'Cafe')",
            "nota IS NULL", "nota IS NOT NULL", "nota LIKE '%robo%'", "nota = 'sin nota'", "nota > 'r'",
            "estado.label = 'Jalisco'", "estado.label IN ('Jalisco', 'Yucatán')", "estado IS NULL", "estado.label > 'K'",
            "estado.label != 'Jalisco'", "upper(nombre) = 'CAFE'",
            "NOT (cantidad > 1)", "cantidad > 1 OR monto > 100", "NOT (cantidad > 1 OR monto > 100)", "cantidad > 1 AND NOT (monto < 10)",
            "cantidad IS NULL OR monto IS NULL", "NOT (nota IS NULL AND activo)", "cantidad BETWEEN 0 AND 40",
            "cantidad NOT BETWEEN 0 AND 40", "monto IN (10.5, 7)", "NOT (monto IN (10.5, 7))", "NOT (activo OR cantidad > 10)",
            "(fecha < '2015-01-01' OR nota IS NULL) AND NOT (estado.label = 'Yucatán')", "anio = 2014 AND anio = 2015",
            "1 = 1", "1 = 2", "true", "false");
    static final List<String> ORDERS = List.of("", "cantidad", "cantidad DESC", "monto DESC, nombre", "nombre", "nombre DESC",
            "estado.label", "estado.label DESC, fecha", "fecha DESC", "anio, :id DESC", "activo", "nota DESC", ":id DESC", "estado");

    @Test
    void every_filter_in_every_order_gives_what_sparql_gives() {
        for (String where : FILTERS) {
            for (String order : ORDERS) {
                boolean expressible = !where.contains("upper(");
                same("filas-prueba", RowQuery.builder().where(where).order(order).limit(1000).build(), expressible);
            }
        }
    }

    @Test
    void pages_deep_and_past_the_end_give_the_same_rows_and_totals() {
        for (String order : ORDERS) {
            for (long offset : List.of(0L, 7L, 21L, 56L, 59L, 60L, 100L)) {
                same("filas-prueba", RowQuery.builder().order(order).offset(offset).limit(7).build(), true);
                same("filas-prueba", RowQuery.builder().where("cantidad IS NOT NULL").order(order).offset(offset).limit(5).build(), true);
            }
        }
        RowResult empty = same("filas-prueba", b -> b.where("cantidad > 1").limit(0));
        assertThat(empty.rows()).isEmpty();
    }

    @Test
    void q_folds_accents_and_case_and_matches_the_beginnings_of_words() {
        for (String words : List.of("robo", "ROBO vehículo", "vehiculos", "cafe", "nandu", "ñandú", "100", "revisado accidente",
                "zzz", "o", "casa habitacion", "jalisco", "leon", "arbol navidad", "vial", "ó")) {
            same("filas-prueba", b -> b.search(words).limit(1000));
            same("filas-prueba", b -> b.search(words).order("cantidad DESC").offset(1).limit(3));
            same("filas-prueba", b -> b.search(words).where("anio >= 2014"));
        }
    }

    @Test
    void selected_columns_aliases_and_shortcuts() {
        same("filas-prueba", b -> b.select("nombre, estado, estado.label AS estado_nombre, :id").order("estado_nombre DESC"));
        same("filas-prueba", b -> b.select("cantidad AS c, nombre").order("c DESC, nombre"));
        same("filas-prueba", b -> b.shortcut("anio", "2014").shortcut("estado", "Jalisco"));
        same("filas-prueba", b -> b.shortcut("nombre", "café").shortcut("nombre", "niño"));
        same("filas-prueba", b -> b.table("Estado").order("label DESC"));
        // what the index does not express goes to SPARQL, with the same answer
        same("filas-prueba", RowQuery.builder().select("upper(nombre) AS n").order("n").build(), false);
    }

    @Test
    void the_bundled_datasets_in_every_column_order_with_deep_pages() {
        for (String slug : List.of("cuenta-publica", "incidencia-delictiva-estatal", "localidades-nuevo-leon")) {
            for (Table t : indexed.tables(slug)) {
                same(slug, b -> b.table(t.classIri()).limit(10));
                same(slug, b -> b.table(t.classIri()).offset(Math.max(0, t.rows() - 3)).limit(10));
                for (Column c : t.columns()) {
                    if (c.multiValued()) continue;
                    same(slug, b -> b.table(t.classIri()).order(c.name() + " DESC").offset(t.rows() / 2).limit(5));
                    same(slug, b -> b.table(t.classIri()).where(c.name() + " IS NULL").order(c.name()).limit(5));
                    if (c.hasLabel()) same(slug, b -> b.table(t.classIri()).order(c.name() + ".label").limit(5));
                }
            }
        }
        String ide = "incidencia-delictiva-estatal";
        same(ide, b -> b.where("anio = 2014 AND entidad_federativa.label = 'NUEVO LEON'").order("incidencias_anio DESC").limit(20));
        same(ide, b -> b.search("robo vehículos").limit(20));
        same(ide, b -> b.search("robo vehículos").order("incidencias_anio DESC").offset(100).limit(20));
        same(ide, b -> b.offset(30_000).limit(20));
        same(ide, b -> b.where("incidencias_enero > 100 OR incidencias_febrero BETWEEN 10 AND 20").order("anio DESC, incidencias_enero"));
        same(ide, b -> b.where("NOT (modalidad LIKE 'ROBO%') AND anio IN (1997, 2014)").order("subtipo_delito").offset(500).limit(50));
    }

    static final String AGGREGATES = "count(*), count(monto), sum(monto), avg(monto), min(monto), max(monto), sum(cantidad), "
            + "avg(cantidad), min(fecha), max(fecha), min(nombre), max(nota), max(anio), min(estado.label)";

    @Test
    void groups_of_every_column_with_every_aggregate_give_what_sparql_gives() {
        for (String key : List.of("anio", "estado", "estado.label", "activo", "nombre", "nota", "fecha", "cantidad", "monto")) {
            for (String where : List.of("", "cantidad > 1", "nota IS NULL", "estado.label = 'Jalisco'", "cantidad < -100",
                    "monto > 10 OR anio = 2015")) {
                RowResult r = same("filas-prueba", b -> b.select(key + ", " + AGGREGATES).group(key).where(where).limit(1000));
                if (where.isEmpty()) assertThat(r.rows()).as(key).hasSizeGreaterThan(1);
            }
            same("filas-prueba", b -> b.select(key + ", sum(monto) AS total, count(*) AS n").group(key).order("total DESC").limit(3));
            same("filas-prueba", b -> b.select(key + ", sum(monto) AS total, count(*) AS n").group(key).order("n DESC, total")
                    .offset(2).limit(2));
            same("filas-prueba", b -> b.select(key + ", sum(cantidad)").group(key).having("count(*) > 1").order("sum(cantidad) DESC"));
            same("filas-prueba", b -> b.select(key + ", avg(monto) AS m").group(key).having("avg(monto) >= 10 OR m IS NULL"));
        }
    }

    @Test
    void groups_of_two_columns_no_columns_shortcuts_and_q_give_what_sparql_gives() {
        same("filas-prueba", b -> b.select("anio, estado, " + AGGREGATES).group("anio, estado"));
        same("filas-prueba", b -> b.select("estado.label, activo, sum(monto) AS s").group("estado.label, activo").order("s DESC")
                .offset(1).limit(3));
        same("filas-prueba", b -> b.select("anio, estado").group("anio, estado").order("estado.label DESC"));
        same("filas-prueba", b -> b.group("nota"));
        for (String where : List.of("", "cantidad > 1", "1 = 2")) same("filas-prueba", b -> b.select(AGGREGATES).where(where));
        same("filas-prueba", b -> b.select("anio, count(*)").group("anio").search("robo"));
        same("filas-prueba", b -> b.select("anio, sum(monto)").group("anio").shortcut("estado", "Jalisco").shortcut("estado", "Yucatán"));
        // what the index does not express goes to SPARQL, with the same answer
        same("filas-prueba", RowQuery.builder().select("anio, count(:id)").group("anio").build(), false);
        same("filas-prueba", RowQuery.builder().select("anio, count(*)").group("anio").where("upper(nombre) = 'CAFE'").build(), false);
    }

    @Test
    void groups_of_the_bundled_datasets_give_what_sparql_gives() {
        for (String slug : List.of("cuenta-publica", "incidencia-delictiva-estatal")) {
            for (Table t : indexed.tables(slug)) {
                List<String> numbers = t.columns().stream().filter(c -> !c.multiValued() && c.type().kind() == ColumnType.Kind.NUMBER)
                        .map(Column::name).limit(3).toList();
                StringBuilder aggs = new StringBuilder("count(*)");
                for (String n : numbers) aggs.append(", sum(").append(n).append("), avg(").append(n).append("), min(").append(n)
                        .append("), max(").append(n).append("), count(").append(n).append(")");
                for (Column c : t.columns()) {
                    if (c.multiValued()) continue;
                    same(slug, b -> b.table(t.classIri()).select(c.name() + ", " + aggs).group(c.name()).limit(100));
                }
            }
        }
        String ide = "incidencia-delictiva-estatal";
        same(ide, b -> b.select("entidad_federativa, sum(incidencias_anio) AS total").group("entidad_federativa").limit(100));
        same(ide, b -> b.select("entidad_federativa, anio, sum(incidencias_anio) AS total, avg(incidencias_enero) AS e")
                .group("entidad_federativa, anio").where("modalidad LIKE 'ROBO%'").having("sum(incidencias_anio) > 1000")
                .order("total DESC").offset(5).limit(20));
        same(ide, b -> b.select("entidad_federativa.label, max(incidencias_anio)").group("entidad_federativa.label")
                .where("anio BETWEEN 2000 AND 2010").order("max(incidencias_anio) DESC").limit(10));
    }

    @Test
    void a_group_by_is_answered_by_the_index_and_says_so() {
        RowQuery q = RowQuery.builder().select("entidad_federativa, sum(incidencias_anio)").group("entidad_federativa").build();
        assertThat(indexed.query("incidencia-delictiva-estatal", q, false).indexed()).isTrue();
        assertThat(sparql.query("incidencia-delictiva-estatal", q, false).indexed()).isFalse();
    }

    static List<String> ids(RowResult r) {
        List<String> out = new ArrayList<>();
        for (Row row : r.rows()) out.add(row.iri());
        return out;
    }
}
