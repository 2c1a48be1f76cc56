package mx.zocalo.server.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SoQL parser: the trees it makes, and where it says a query is wrong. */
class SoqlParserTest {

    @Test
    void select_reads_columns_aliases_star_and_aggregates() {
        List<Expr.SelectItem> items = Soql.select("anio, sum(monto_total) AS total, count(*), entidad.label, *, `mi columna`");
        assertThat(items).hasSize(6);
        assertThat(items.get(0).expr()).isEqualTo(new Expr.Column("anio", null, 0));
        assertThat(items.get(1).alias()).isEqualTo("total");
        assertThat(items.get(1).expr()).isEqualTo(new Expr.Call("sum", List.of(new Expr.Column("monto_total", null, 10)), 6));
        assertThat(((Expr.Call) items.get(2).expr()).args()).containsExactly(new Expr.Star(39));
        assertThat(items.get(3).expr()).isEqualTo(new Expr.Column("entidad", "label", 43));
        assertThat(items.get(4).expr()).isInstanceOf(Expr.Star.class);
        assertThat(items.get(5).expr()).isEqualTo(new Expr.Column("mi columna", null, 61));
    }

    @Test
    void where_binds_not_tighter_than_and_tighter_than_or() {
        Expr e = Soql.where("a = 1 OR NOT b = 2 AND c = 3");
        assertThat(e).isInstanceOf(Expr.Or.class);
        Expr.Or or = (Expr.Or) e;
        assertThat(or.left()).isInstanceOf(Expr.Compare.class);
        assertThat(or.right()).isInstanceOf(Expr.And.class);
        assertThat(((Expr.And) or.right()).left()).isInstanceOf(Expr.Not.class);
    }

    @Test
    void parentheses_group() {
        Expr e = Soql.where("(a = 1 OR b = 2) AND c = 3");
        assertThat(e).isInstanceOf(Expr.And.class);
        assertThat(((Expr.And) e).left()).isInstanceOf(Expr.Or.class);
    }

    @Test
    void every_predicate_of_the_where_clause_parses() {
        assertThat(Soql.where("anio IN (2013, 2014)")).isEqualTo(new Expr.In(new Expr.Column("anio", null, 0),
                List.of(new Expr.Number(new BigDecimal("2013"), "2013", 9), new Expr.Number(new BigDecimal("2014"), "2014", 15)), false, 5));
        assertThat(Soql.where("anio NOT IN (2013)")).isInstanceOfSatisfying(Expr.In.class, i -> assertThat(i.negated()).isTrue());
        assertThat(Soql.where("x BETWEEN 1 AND 5")).isInstanceOfSatisfying(Expr.Between.class, b -> assertThat(b.negated()).isFalse());
        assertThat(Soql.where("x NOT BETWEEN -1.5 AND 5")).isInstanceOfSatisfying(Expr.Between.class, b -> {
            assertThat(b.negated()).isTrue();
            assertThat(((Expr.Number) b.low()).value()).isEqualByComparingTo("-1.5");
        });
        assertThat(Soql.where("nombre LIKE '%león%'")).isEqualTo(new Expr.Like(new Expr.Column("nombre", null, 0),
                new Expr.Text("%león%", 12), false, 7));
        assertThat(Soql.where("nombre not like 'a%'")).isInstanceOfSatisfying(Expr.Like.class, l -> assertThat(l.negated()).isTrue());
        assertThat(Soql.where("x IS NULL")).isEqualTo(new Expr.IsNull(new Expr.Column("x", null, 0), false, 2));
        assertThat(Soql.where("x is not null")).isEqualTo(new Expr.IsNull(new Expr.Column("x", null, 0), true, 2));
        assertThat(Soql.where("x <> 3")).isInstanceOfSatisfying(Expr.Compare.class, c -> assertThat(c.op()).isEqualTo("!="));
        for (String op : List.of("=", "!=", "<", "<=", ">", ">=")) {
            assertThat(Soql.where("x " + op + " 3")).isInstanceOfSatisfying(Expr.Compare.class, c -> assertThat(c.op()).isEqualTo(op));
        }
    }

    @Test
    void strings_take_doubled_quotes_and_numbers_keep_how_they_were_written() {
        assertThat(Soql.where("x = 'O''Higgins'")).isInstanceOfSatisfying(Expr.Compare.class,
                c -> assertThat(c.right()).isEqualTo(new Expr.Text("O'Higgins", 4)));
        Expr.Number n = (Expr.Number) ((Expr.Compare) Soql.where("x = 1e6")).right();
        assertThat(n.lexical()).isEqualTo("1e6");
        assertThat(n.integral()).isFalse();
        assertThat(((Expr.Number) ((Expr.Compare) Soql.where("x=2014")).right()).integral()).isTrue();
        assertThat(Soql.where("activo = true")).isInstanceOfSatisfying(Expr.Compare.class,
                c -> assertThat(c.right()).isEqualTo(new Expr.Bool(true, 9)));
    }

    @Test
    void order_reads_directions() {
        List<Expr.OrderItem> items = Soql.order("total DESC, anio, count(*) asc");
        assertThat(items).extracting(Expr.OrderItem::descending).containsExactly(true, false, false);
    }

    @Test
    void keywords_are_case_insensitive_and_id_is_a_name() {
        assertThat(Soql.where(":id = 'https://x/1' and Anio between 1 AND 2")).isInstanceOf(Expr.And.class);
        assertThat(((Expr.Compare) ((Expr.And) Soql.where(":id = 'x' AND a = 1")).left()).left()).isEqualTo(new Expr.Column(":id", null, 0));
    }

    @Test
    void an_unclosed_string_is_an_error_where_it_starts() {
        assertThatThrownBy(() -> Soql.where("entidad = 'Nuevo León"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("unclosed");
                    assertThat(e.parameter()).isEqualTo("$where");
                    assertThat(e.position()).isEqualTo(10);
                    assertThat(e.getMessage()).startsWith("$where, position 11: the text in quotes that starts here is not closed");
                });
    }

    @Test
    void a_missing_parenthesis_names_what_was_expected() {
        assertThatThrownBy(() -> Soql.where("(a = 1 OR b = 2"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("expected-before-end");
                    assertThat(e.position()).isEqualTo(15);
                    assertThat(e.getMessage()).contains("the text ends where ) was expected");
                });
        assertThatThrownBy(() -> Soql.where("anio IN (2013 2014)"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("expected");
                    assertThat(e.token()).isEqualTo("2014");
                    assertThat(e.position()).isEqualTo(14);
                });
    }

    @Test
    void a_token_that_cannot_come_next_is_named_with_its_position() {
        assertThatThrownBy(() -> Soql.where("anio = 2013 anio = 2014"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("unexpected-token");
                    assertThat(e.token()).isEqualTo("anio");
                    assertThat(e.position()).isEqualTo(12);
                    assertThat(e.getMessage()).isEqualTo("$where, position 13: 'anio' is not expected here (a comma, AND or OR missing before it?)");
                });
        assertThatThrownBy(() -> Soql.where("anio = AND"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("expected-value");
                    assertThat(e.token()).isEqualTo("AND");
                });
        assertThatThrownBy(() -> Soql.where("anio >"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo("unexpected-end"));
        assertThatThrownBy(() -> Soql.where("monto ; drop"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("unexpected-character");
                    assertThat(e.token()).isEqualTo(";");
                    assertThat(e.position()).isEqualTo(6);
                });
        assertThatThrownBy(() -> Soql.select("sum(x) AS"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo("expected-alias"));
        assertThatThrownBy(() -> Soql.where("x = 12abc"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("bad-number");
                    assertThat(e.token()).isEqualTo("12abc");
                });
    }

    @Test
    void messages_come_in_spanish_too() {
        SoqlException e = org.junit.jupiter.api.Assertions.assertThrows(SoqlException.class, () -> Soql.where("anio = 2013 anio"));
        assertThat(e.message(SoqlException.bundle("es"))).isEqualTo("$where, posición 13: 'anio' no se espera aquí (¿falta antes una coma, AND u OR?)");
    }

    @Test
    void parameters_become_a_query_and_shortcuts() {
        RowQuery q = RowQuery.fromParameters(new java.util.LinkedHashMap<>(java.util.Map.of(
                "$select", List.of("anio, count(*)"), "$group", List.of("anio"), "$limit", List.of("10"),
                "entidad", List.of("Jalisco", "Colima"), "lang", List.of("en"), "$$app_token", List.of("x"))), java.util.Set.of("lang"));
        assertThat(q.select()).hasSize(2);
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.grouped()).isTrue();
        assertThat(q.shortcuts()).containsEntry("entidad", List.of("Jalisco", "Colima")).doesNotContainKey("lang");
        assertThatThrownBy(() -> RowQuery.fromParameters(java.util.Map.of("$limt", List.of("5")), java.util.Set.of()))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown-parameter");
                    assertThat(e.getMessage()).contains("no parameter $limt").contains("$limit");
                });
        assertThatThrownBy(() -> RowQuery.fromParameters(java.util.Map.of("$offset", List.of("-3")), java.util.Set.of()))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.code()).isEqualTo("not-whole"));
    }

    @Test
    void folding_matches_in_java_what_the_sparql_expression_does() {
        org.apache.jena.rdf.model.Model m = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
        for (String s : List.of("Nuevo León", "AÑO 2014: Robo común, con violencia", "Ürümqi — ÇA VA?", "población_total", "  x  ")) {
            org.apache.jena.sparql.expr.Expr e = TextFold.sparql(org.apache.jena.sparql.expr.NodeValue.makeString(s));
            String sparql = e.eval(org.apache.jena.sparql.engine.binding.BindingFactory.empty(),
                    new org.apache.jena.sparql.function.FunctionEnvBase()).asString();
            assertThat(sparql).as(s).isEqualTo(TextFold.fold(s));
        }
        assertThat(TextFold.words("Nuevo León, 2014")).containsExactly("nuevo", "leon", "2014");
    }
}
