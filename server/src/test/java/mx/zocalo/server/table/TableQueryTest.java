package mx.zocalo.server.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row queries over a small graph written by hand in a real TDB2 store, whose answers can be told by reading the data:
 * missing values, a property in two languages, a multi-valued column, links with labels, dates and booleans.
 */
class TableQueryTest {
    static final PortalIris IRIS = new PortalIris("https://datos.example.mx/");
    static final String DATA = """
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @prefix : <https://datos.example.mx/def/prueba#> .
            @prefix id: <https://datos.example.mx/id/prueba/> .
            id:1 a :Registro ; rdfs:label "Uno"@es, "One"@en ; :anio "2013"^^xsd:gYear ; :monto 10.5 ; :entidad id:e1 ;
                :etiqueta "rojo", "azul" ; :activo true ; :fecha "2014-01-15"^^xsd:date .
            id:2 a :Registro ; rdfs:label "Dos"@es, "Two"@en ; :anio "2014"^^xsd:gYear ; :entidad id:e2 ; :etiqueta "verde" ;
                :activo false ; :fecha "2014-03-01"^^xsd:date .
            id:3 a :Registro ; rdfs:label "Tres"@es ; :anio "2014"^^xsd:gYear ; :monto 7 ; :activo true .
            id:e1 a :Entidad ; rdfs:label "Nuevo León"@es .
            id:e2 a :Entidad ; rdfs:label "Jalisco"@es .
            """;
    static final String ID = "https://datos.example.mx/id/prueba/";

    @TempDir
    static Path dir;
    static TdbStore store;
    static TableService tables;

    @BeforeAll
    static void load() {
        store = TdbStore.open(dir);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(DATA, Lang.TURTLE).parse(g);
        store.write(dsg -> {
            g.find().forEachRemaining(t -> dsg.add(IRIS.datasetGraph("prueba"), t.getSubject(), t.getPredicate(), t.getObject()));
            dsg.add(IRIS.catalogGraph(), IRIS.dataset("prueba"), org.apache.jena.vocabulary.RDF.type.asNode(),
                    org.apache.jena.vocabulary.DCAT.Dataset.asNode());
        });
        tables = TableService.builder(store, IRIS).build();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static RowResult query(Function<RowQuery.Builder, RowQuery.Builder> q) {
        return tables.query("prueba", q.apply(RowQuery.builder()).build());
    }

    static List<String> ids(RowResult r) {
        return r.rows().stream().map(row -> row.iri().substring(ID.length())).toList();
    }

    static Object value(RowResult r, int row, String column) {
        for (int i = 0; i < r.columns().size(); i++) if (r.columns().get(i).name().equals(column)) return r.rows().get(row).values().get(i);
        throw new AssertionError("no column " + column + " in " + r.columns());
    }

    @Test
    void the_model_has_a_column_per_language_typed_columns_and_the_multi_valued_one_marked() {
        Table t = tables.table("prueba", null);
        assertThat(t.name()).isEqualTo("registro");
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.columnNames()).containsExactly("label_en", "label_es", "activo", "anio", "entidad", "etiqueta", "fecha", "monto");
        assertThat(t.column("monto").orElseThrow().type()).isEqualTo(ColumnType.DECIMAL);
        assertThat(t.column("monto").orElseThrow().rows()).isEqualTo(2);
        assertThat(t.column("anio").orElseThrow().type()).isEqualTo(ColumnType.GYEAR);
        assertThat(t.column("fecha").orElseThrow().type()).isEqualTo(ColumnType.DATE);
        assertThat(t.column("activo").orElseThrow().type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(t.column("entidad").orElseThrow().hasLabel()).isTrue();
        assertThat(t.column("etiqueta").orElseThrow().multiValued()).isTrue();
        assertThat(t.column("label_es").orElseThrow().language()).isEqualTo("es");
        assertThat(tables.table("prueba", "Entidad").rows()).isEqualTo(2);
        assertThat(tables.table("prueba", "https://datos.example.mx/def/prueba#Entidad").name()).isEqualTo("entidad");
    }

    @Test
    void every_row_once_with_typed_values_and_null_for_what_it_lacks() {
        RowResult r = query(b -> b);
        assertThat(ids(r)).containsExactly("1", "2", "3");
        assertThat(r.total()).isEqualTo(3);
        assertThat(value(r, 0, "monto")).isEqualTo(new BigDecimal("10.5"));
        assertThat(value(r, 1, "monto")).isNull();
        assertThat(value(r, 2, "monto")).isEqualTo(7L);
        assertThat(value(r, 0, "anio")).isEqualTo(Year.of(2013));
        assertThat(value(r, 0, "fecha")).isEqualTo(LocalDate.of(2014, 1, 15));
        assertThat(value(r, 1, "activo")).isEqualTo(false);
        assertThat(value(r, 0, "label_en")).isEqualTo("One");
        assertThat(value(r, 2, "label_en")).isNull();
        assertThat(value(r, 0, "entidad")).isEqualTo(new Link(ID + "e1", "Nuevo León"));
        assertThat(value(r, 0, "etiqueta")).asList().containsExactlyInAnyOrder("rojo", "azul");
        assertThat(value(r, 2, "etiqueta")).asList().isEmpty();
    }

    @Test
    void comparisons_with_a_missing_value_are_unknown_as_in_sql() {
        assertThat(ids(query(b -> b.where("monto > 8")))).containsExactly("1");
        assertThat(ids(query(b -> b.where("NOT (monto > 8)")))).containsExactly("3");
        assertThat(ids(query(b -> b.where("monto > 8 OR activo = false")))).containsExactly("1", "2");
        assertThat(ids(query(b -> b.where("monto IS NULL")))).containsExactly("2");
        assertThat(ids(query(b -> b.where("monto IS NOT NULL AND monto NOT IN (7)")))).containsExactly("1");
        assertThat(ids(query(b -> b.where("monto NOT BETWEEN 8 AND 20")))).containsExactly("3");
    }

    @Test
    void literals_take_the_type_of_the_column() {
        assertThat(ids(query(b -> b.where("anio = 2014")))).containsExactly("2", "3");
        assertThat(ids(query(b -> b.where("anio = '2013'")))).containsExactly("1");
        assertThat(ids(query(b -> b.where("anio < 2014")))).containsExactly("1");
        assertThat(ids(query(b -> b.where("fecha > '2014-02-01'")))).containsExactly("2");
        assertThat(ids(query(b -> b.where("fecha BETWEEN '2014-01-01' AND '2014-01-31'")))).containsExactly("1");
        assertThat(ids(query(b -> b.where("activo")))).containsExactly("1", "3");
        assertThat(ids(query(b -> b.where("label_es = 'Dos'")))).containsExactly("2");
        assertThat(ids(query(b -> b.where("label_es IN ('Dos', 'Tres')")))).containsExactly("2", "3");
        assertThat(ids(query(b -> b.where("label_es > 'Tr'")))).containsExactly("1", "3");
        assertThat(ids(query(b -> b.where("label_es LIKE '%s'")))).containsExactly("2", "3");
        assertThat(ids(query(b -> b.where("upper(label_es) LIKE 'T%'")))).containsExactly("3");
        assertThat(ids(query(b -> b.where(":id = '" + ID + "2'")))).containsExactly("2");
        assertThat(ids(query(b -> b.where("entidad = '" + ID + "e2'")))).containsExactly("2");
    }

    @Test
    void a_link_is_filtered_and_sorted_by_its_label() {
        assertThat(ids(query(b -> b.where("entidad.label = 'Jalisco'")))).containsExactly("2");
        assertThat(ids(query(b -> b.shortcut("entidad", "Nuevo León")))).containsExactly("1");
        assertThat(ids(query(b -> b.where("entidad IS NULL")))).containsExactly("3");
        assertThat(ids(query(b -> b.order("entidad.label DESC")))).containsExactly("1", "2", "3");
        assertThat(ids(query(b -> b.order("entidad.label")))).containsExactly("3", "2", "1");
    }

    @Test
    void a_multi_valued_column_matches_when_any_value_does() {
        assertThat(ids(query(b -> b.where("etiqueta = 'azul'")))).containsExactly("1");
        assertThat(ids(query(b -> b.where("etiqueta != 'azul'")))).containsExactly("1", "2");
        assertThat(ids(query(b -> b.where("etiqueta IS NULL")))).containsExactly("3");
        assertThat(ids(query(b -> b.where("etiqueta IS NOT NULL AND activo")))).containsExactly("1");
        assertThatThrownBy(() -> query(b -> b.order("etiqueta")))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo("multi-valued"));
        assertThatThrownBy(() -> query(b -> b.select("etiqueta, count(*)").group("etiqueta")))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo("multi-valued"));
    }

    @Test
    void aggregates_leave_out_missing_values_as_in_sql() {
        RowResult r = query(b -> b.select("anio, count(*), count(monto), sum(monto), avg(monto), min(monto), max(monto)").group("anio"));
        assertThat(r.total()).isEqualTo(2);
        assertThat(r.columns()).extracting(ResultColumn::name)
                .containsExactly("anio", "count", "count_monto", "sum_monto", "avg_monto", "min_monto", "max_monto");
        assertThat(r.rows().get(0).values()).containsExactly(Year.of(2013), 1L, 1L, new BigDecimal("10.5"), new BigDecimal("10.5"),
                new BigDecimal("10.5"), new BigDecimal("10.5"));
        assertThat(r.rows().get(1).values().subList(0, 4)).containsExactly(Year.of(2014), 2L, 1L, 7L);
        assertThat(((java.lang.Number) r.rows().get(1).values().get(4)).doubleValue()).isEqualTo(7.0);
        assertThat(r.rows().get(1).values().subList(5, 7)).containsExactly(7L, 7L);
        RowResult none = query(b -> b.select("activo, min(monto) AS m, max(fecha) AS f").group("activo").where("label_es = 'Dos'"));
        assertThat(none.rows().get(0).values()).containsExactly(false, null, LocalDate.of(2014, 3, 1));
    }

    @Test
    void groups_by_a_link_carry_its_label_and_having_filters_groups() {
        RowResult r = query(b -> b.select("entidad, count(*) AS n").group("entidad").having("n >= 1").order("n DESC, entidad.label"));
        assertThat(r.rows()).extracting(row -> row.values().get(0))
                .containsExactly(null, new Link(ID + "e2", "Jalisco"), new Link(ID + "e1", "Nuevo León"));
        RowResult only = query(b -> b.select("anio, count(*)").group("anio").having("count(*) > 1"));
        assertThat(only.rows()).extracting(row -> row.values().get(0)).containsExactly(Year.of(2014));
        assertThat(only.total()).isEqualTo(1);
    }

    @Test
    void q_finds_rows_whose_text_has_words_beginning_with_every_word() {
        assertThat(ids(query(b -> b.search("leon")))).containsExactly("1");
        assertThat(ids(query(b -> b.search("LEÓN nuevo")))).containsExactly("1");
        assertThat(ids(query(b -> b.search("on")))).containsExactly("1");  // "One"
        assertThat(ids(query(b -> b.search("eon")))).isEmpty();          // inside a word, not at its start
        assertThat(ids(query(b -> b.search("t")))).containsExactly("2", "3"); // "Two", "Tres"
    }

    @Test
    void pages_do_not_overlap_and_the_total_counts_them_all() {
        RowResult first = query(b -> b.order("anio DESC").limit(2));
        RowResult second = query(b -> b.order("anio DESC").limit(2).offset(2));
        assertThat(ids(first)).containsExactly("2", "3");
        assertThat(ids(second)).containsExactly("1");
        assertThat(first.total()).isEqualTo(3);
        assertThat(second.total()).isEqualTo(3);
    }

    @Test
    void the_sparql_of_every_query_is_valid_sparql() {
        for (RowQuery q : List.of(RowQuery.builder().build(),
                RowQuery.builder().where("etiqueta = 'azul' AND entidad.label LIKE 'J%'").order("monto DESC").search("uno").build(),
                RowQuery.builder().select("anio, sum(monto) AS s, avg(monto)").group("anio").having("s > 1").order("s").build(),
                RowQuery.builder().select("entidad, max(fecha)").group("entidad").build(),
                RowQuery.builder().select("upper(label_es) AS u, monto").order("u").build())) {
            CompiledQuery c = tables.compile("prueba", q);
            assertThat(QueryFactory.create(c.sparql())).as(c.sparql()).isNotNull();
            c.count().ifPresent(count -> assertThat(QueryFactory.create(count.serialize())).as(count.serialize()).isNotNull());
        }
    }

    @Test
    void errors_name_the_token_its_position_and_the_columns() {
        assertThatThrownBy(() -> query(b -> b.where("anio = 2013 AND mont > 5")))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("no-column-suggest");
                    assertThat(e.position()).isEqualTo(16);
                    assertThat(e.token()).isEqualTo("mont");
                    assertThat(e.getMessage()).isEqualTo("$where, position 17: no column \"mont\" (did you mean monto?); columns: "
                            + "label_en, label_es, activo, anio, entidad, etiqueta, fecha, monto");
                });
        Map<String, String> codes = Map.of(
                "monto = 'mucho'", "not-a-number",
                "label_es = 5", "text-needs-quotes",
                "fecha = '15/01/2014'", "not-a-date",
                "entidad = 'Jalisco'", "link-needs-iri",
                "monto = label_es", "type-mismatch",
                "sum(monto) > 5", "aggregate-in-where",
                "monto = NULL", "null-compare",
                "monto", "not-a-condition",
                "entidad < '" + ID + "e1'", "link-order",
                "anio.nombre = 1", "no-subfield");
        codes.forEach((where, code) -> assertThatThrownBy(() -> query(b -> b.where(where))).as(where)
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo(code)));
        assertThatThrownBy(() -> query(b -> b.select("anio, count(*)")))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("not-grouped");
                    assertThat(e.getMessage()).contains("anio must be in $group");
                });
        assertThatThrownBy(() -> query(b -> b.select("monto, count(*)").group("anio")))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo("not-grouped"));
        assertThatThrownBy(() -> query(b -> b.select("sum(label_es)").group("anio")))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo("aggregate-type"));
        assertThatThrownBy(() -> query(b -> b.select("count(*), count(*)")))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo("duplicate-output"));
        assertThatThrownBy(() -> query(b -> b.table("Nada")))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("no-table");
                    assertThat(e.getMessage()).contains("registro, entidad");
                });
        assertThatThrownBy(() -> query(b -> b.coordinates(true)))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo("no-coordinates"));
        assertThatThrownBy(() -> query(b -> b.shortcut("montos", "5")))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("montos");
                    assertThat(e.code()).isEqualTo("no-column-suggest");
                });
        assertThatThrownBy(() -> tables.tables("no-hay")).isInstanceOf(NoSuchDatasetException.class);
        assertThatThrownBy(() -> tables.tables("../etc")).isInstanceOf(NoSuchDatasetException.class);
    }

    @Test
    void json_and_csv_write_numbers_as_numbers_links_and_lists() throws Exception {
        RowResult r = query(b -> b.select("label_es, monto, entidad, etiqueta, anio").where("anio = 2013"));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        RowWriter.json(r, json);
        assertThat(json.toString(StandardCharsets.UTF_8)).isEqualTo("[{\":id\":\"" + ID + "1\",\"label_es\":\"Uno\",\"monto\":10.5,"
                + "\"entidad\":{\"iri\":\"" + ID + "e1\",\"label\":\"Nuevo León\"},\"etiqueta\":[\"azul\",\"rojo\"],\"anio\":\"2013\"}]");
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        RowWriter.csv(r, csv);
        assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo(":id,label_es,monto,entidad,entidad.label,etiqueta,anio\r\n"
                + ID + "1,Uno,10.5," + ID + "e1,Nuevo León,azul | rojo,2013\r\n");
    }
}
