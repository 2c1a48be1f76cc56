package mx.zocalo.server.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.DatasetFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The values of the demo goals, computed with the row API, against independent SPARQL aggregates written here over the
 * published graphs; each status against its target rule; the SPARQL behind the numbers gives the same numbers.
 */
class PerformanceValuesTest {
    static final String PREFIXES = """
            PREFIX zoc: <https://datos.example.mx/def/zocalo#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            """;
    static PerformancePortal portal;

    @BeforeAll
    static void start() {
        portal = PerformancePortal.get();
    }

    /** key (first variables joined by '|') → the number of the last variable. */
    static Map<String, Double> aggregate(String query) {
        return portal.store.read(dsg -> {
            Map<String, Double> out = new HashMap<>();
            try (QueryExecution qe = QueryExecution.create(PREFIXES + query, DatasetFactory.wrap(dsg))) {
                var rs = qe.execSelect();
                List<String> vars = rs.getResultVars();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    StringBuilder key = new StringBuilder();
                    for (int i = 0; i < vars.size() - 1; i++) {
                        var n = s.get(vars.get(i));
                        key.append(i > 0 ? "|" : "").append(n.isLiteral() ? n.asLiteral().getLexicalForm() : n.toString());
                    }
                    out.put(key.toString(), s.getLiteral(vars.get(vars.size() - 1)).getDouble());
                }
            }
            return out;
        });
    }

    static GoalResult goal(String id) {
        return portal.performance.goal(id).orElseThrow();
    }

    static String graph(String slug) {
        return "<" + PerformancePortal.BASE + "graph/" + slug + ">";
    }

    @Test
    void accidents_per_month_in_nuevo_leon_equal_a_sparql_sum() {
        Map<String, Double> expected = aggregate("SELECT ?mes (SUM(?a) AS ?n) WHERE { GRAPH " + graph("accidentes-carreteros")
                + " { ?r a zoc:RegistroAccidentes ; zoc:mes ?mes ; zoc:accidentes ?a ; zoc:entidadFederativa/rdfs:label \"Nuevo León\"@es } } GROUP BY ?mes");
        MeasureResult m = goal("accidentes-nuevo-leon").measure("accidentes").orElseThrow();
        assertThat(expected).hasSize(12);
        assertThat(m.series()).hasSize(12);
        for (Observation o : m.series()) {
            assertThat(o.value()).as(o.period().label()).isCloseTo(expected.get(o.period().label()), within(1e-9));
        }
        assertThat(m.latest().orElseThrow().period().label()).isEqualTo("--12");
    }

    @Test
    void crimes_per_year_in_nuevo_leon_and_the_target_from_the_2010_baseline_equal_a_sparql_sum() {
        Map<String, Double> expected = aggregate("SELECT ?y (SUM(?n) AS ?t) WHERE { GRAPH " + graph("incidencia-delictiva-estatal")
                + " { ?r a zoc:RegistroIncidencia ; zoc:anio ?y ; zoc:incidenciasAnio ?n ; zoc:entidadFederativa/rdfs:label \"NUEVO LEON\"@es } } GROUP BY ?y");
        MeasureResult m = goal("delitos-nuevo-leon").measure("delitos").orElseThrow();
        assertThat(m.series()).extracting(o -> o.period().label()).containsExactly("2010", "2011", "2012", "2013", "2014");
        for (Observation o : m.series()) assertThat(o.value()).as(o.period().label()).isEqualTo(expected.get(o.period().label()));
        assertThat(m.baselineValue()).isEqualTo(expected.get("2010"));
        assertThat(m.targetValue()).isCloseTo(expected.get("2010") * 0.9, within(1e-6));
    }

    @Test
    void crimes_per_100000_inhabitants_by_state_and_year_equal_sparql_sums_divided() {
        Map<String, Double> crimes = aggregate("SELECT ?y ?place (SUM(?n) AS ?t) WHERE { GRAPH " + graph("incidencia-delictiva-estatal")
                + " { ?r a zoc:RegistroIncidencia ; zoc:anio ?y ; zoc:incidenciasAnio ?n ; dct:spatial ?place } } GROUP BY ?y ?place");
        Map<String, Double> people = aggregate("SELECT ?y ?place (SUM(?n) AS ?t) WHERE { GRAPH " + graph("poblacion-estatal")
                + " { ?r a zoc:ProyeccionPoblacion ; zoc:anio ?y ; zoc:poblacionMitadAnio ?n ; zoc:sexo \"Total\"@es ; dct:spatial ?place } } GROUP BY ?y ?place");
        MeasureResult tasa = goal("delitos-por-100-mil").measure("tasa").orElseThrow();
        assertThat(tasa.members()).hasSize(32);
        int checked = 0;
        double allCrimes2014 = 0, allPeople2014 = 0;
        for (var e : tasa.members().entrySet()) {
            for (Observation o : e.getValue()) {
                String key = o.period().label() + "|" + e.getKey();
                double expected = crimes.get(key) / people.get(key) * 100000;
                assertThat(o.value()).as(key).isCloseTo(expected, within(1e-9 * expected));
                checked++;
            }
            allCrimes2014 += crimes.get("2014|" + e.getKey());
            allPeople2014 += people.get("2014|" + e.getKey());
        }
        assertThat(checked).isEqualTo(32 * 5);
        assertThat(tasa.memberLabels()).containsValue("Nuevo León");
        Observation whole2014 = tasa.series().get(4);
        assertThat(whole2014.value()).isCloseTo(allCrimes2014 / allPeople2014 * 100000, within(1e-6));
    }

    @Test
    void each_status_follows_its_target_rule() {
        int checked = 0;
        for (GoalResult g : portal.performance.goals()) {
            for (MeasureResult m : g.measures()) {
                for (List<Observation> series : concat(m)) {
                    for (Observation o : series) {
                        checked++;
                        if (o.value() == null) {
                            assertThat(o.status()).isEqualTo(Status.NO_DATA);
                            continue;
                        }
                        if (m.measure().target() == null) {
                            assertThat(o.status()).isEqualTo(Status.NO_TARGET);
                            continue;
                        }
                        Target t = m.measure().target();
                        double target = o.target();
                        double tol = t.tolerance().percent() ? Math.abs(target) * t.tolerance().amount() / 100 : t.tolerance().amount();
                        // the rule, written out: distance on the wrong side of the target
                        double wrong = switch (t.direction()) {
                            case BELOW -> o.value() - target;
                            case ABOVE -> target - o.value();
                            case EQUAL -> Math.abs(o.value() - target);
                        };
                        Status expected = wrong <= 0 ? Status.ON_TRACK : wrong <= tol ? Status.NEAR_TARGET : Status.OFF_TRACK;
                        assertThat(o.status()).as(g.id() + "/" + m.id() + " " + o.period().label() + " " + o.value()).isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(150);
        // the demo data gives each status at least once
        assertThat(goal("accidentes-nuevo-leon").measure("muertos").orElseThrow().series()).extracting(Observation::status)
                .contains(Status.ON_TRACK, Status.NEAR_TARGET, Status.OFF_TRACK);
    }

    @Test
    void the_sparql_behind_the_numbers_gives_the_same_numbers() {
        MeasureResult m = goal("delitos-nuevo-leon").measure("delitos").orElseThrow();
        MeasureQuery q = m.queries().get(0);
        assertThat(q.role()).isEqualTo("value");
        assertThat(q.soql()).contains("sum(incidencias_anio)").contains("NUEVO LEON");
        Map<String, Double> rows = aggregate(q.sparql()); // its rows: the period, then the value
        for (Observation o : m.series()) assertThat(rows.get(o.period().label())).as("the row of " + o.period().label()).isEqualTo(o.value());
    }

    @Test
    void a_period_without_rows_has_no_data_and_says_why() {
        Goal g = goal("delitos-nuevo-leon").goal();
        Goal later = new Goal("mas-tarde", g.title(), g.narrative(), g.department(), g.category(), java.time.LocalDate.of(2013, 1, 1),
                java.time.LocalDate.of(2016, 12, 31), true, g.measures(), g.file());
        GoalResult r = new GoalComputer(portal.tables, java.time.Clock.fixed(java.time.Instant.parse("2016-06-01T00:00:00Z"),
                java.time.ZoneOffset.UTC)).compute(later);
        List<Observation> s = r.measures().get(0).series();
        assertThat(s).extracting(o -> o.period().label()).containsExactly("2013", "2014", "2015", "2016");
        assertThat(s.get(2).status()).isEqualTo(Status.NO_DATA);
        assertThat(s.get(2).reason()).isEqualTo("no-rows");
        assertThat(s.get(2).value()).isNull();
        assertThat(r.measures().get(0).latest().orElseThrow().period().label()).isEqualTo("2014");
    }

    @Test
    void a_cumulative_measure_adds_up_the_periods_from_the_calculation_start() {
        GoalResult perYear = goal("delitos-nuevo-leon");
        Goal g = perYear.goal();
        Measure m = g.measures().get(0);
        Measure running = new Measure(m.id(), m.title(), m.unit(), m.dataset(), m.table(), m.aggregate(), m.column(), m.where(), m.period(),
                m.every(), java.time.LocalDate.of(2011, 1, 1), true, m.by(), m.rate(), null, m.line());
        Goal cumulative = new Goal("acumulado", g.title(), g.narrative(), g.department(), g.category(), g.start(), g.end(), true,
                List.of(running), g.file());
        List<Observation> s = new GoalComputer(portal.tables, java.time.Clock.systemUTC()).compute(cumulative).measures().get(0).series();
        assertThat(s).extracting(o -> o.period().label()).containsExactly("2011", "2012", "2013", "2014");
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            sum += perYear.measures().get(0).series().get(i + 1).value();
            assertThat(s.get(i).value()).as(s.get(i).period().label()).isEqualTo(sum);
            assertThat(s.get(i).status()).isEqualTo(Status.NO_TARGET);
        }
    }

    private static List<List<Observation>> concat(MeasureResult m) {
        List<List<Observation>> out = new java.util.ArrayList<>();
        out.add(m.series());
        out.addAll(m.members().values());
        return out;
    }
}
