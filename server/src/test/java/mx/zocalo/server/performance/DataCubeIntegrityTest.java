package mx.zocalo.server.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published Data Cubes of the demo goals against the integrity constraints of the W3C RDF Data Cube
 * recommendation (§11.1) that apply to them: IC-1 to IC-6 and IC-11 to IC-14 (no slices: IC-7 to IC-10 have nothing to
 * check; no code lists: IC-19 to IC-21). Each is an ASK query that is true when the constraint is broken; each is
 * also shown to catch a cube broken on purpose. The observations carry the values the service computed.
 */
class DataCubeIntegrityTest {
    static final String PREFIXES = """
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX qb: <http://purl.org/linked-data/cube#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            """;
    static final Map<String, String> IC = new LinkedHashMap<>();

    static {
        IC.put("IC-1 unique data set", """
                ASK { { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?dataset1 . } }
                      UNION { ?obs a qb:Observation ; qb:dataSet ?dataset1, ?dataset2 . FILTER (?dataset1 != ?dataset2) } }""");
        IC.put("IC-2 unique DSD", """
                ASK { { ?dataset a qb:DataSet . FILTER NOT EXISTS { ?dataset qb:structure ?dsd . ?dsd a qb:DataStructureDefinition } }
                      UNION { ?dataset a qb:DataSet ; qb:structure ?dsd1, ?dsd2 . FILTER (?dsd1 != ?dsd2) } }""");
        IC.put("IC-3 DSD includes measure", """
                ASK { ?dsd a qb:DataStructureDefinition .
                      FILTER NOT EXISTS { ?dsd qb:component [ qb:componentProperty [ a qb:MeasureProperty ] ] } }""");
        IC.put("IC-4 dimensions have range", """
                ASK { ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?dim rdfs:range [] } }""");
        IC.put("IC-5 concept dimensions have code lists", """
                ASK { ?dim a qb:DimensionProperty ; rdfs:range skos:Concept . FILTER NOT EXISTS { ?dim qb:codeList [] } }""");
        IC.put("IC-6 only attributes may be optional", """
                ASK { ?dsd qb:component ?componentSpec .
                      ?componentSpec qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?component .
                      FILTER NOT EXISTS { ?component a qb:AttributeProperty } }""");
        IC.put("IC-11 all dimensions required", """
                ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
                      ?dim a qb:DimensionProperty .
                      FILTER NOT EXISTS { ?obs ?dim [] } }""");
        IC.put("IC-12 no duplicate observations", """
                ASK { FILTER (?allEqual)
                      { SELECT (MIN(?equal) AS ?allEqual) WHERE {
                          ?obs1 qb:dataSet ?dataset . ?obs2 qb:dataSet ?dataset . FILTER (?obs1 != ?obs2)
                          ?dataset qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
                          ?obs1 ?dim ?value1 . ?obs2 ?dim ?value2 .
                          BIND (?value1 = ?value2 AS ?equal)
                        } GROUP BY ?obs1 ?obs2 } }""");
        IC.put("IC-13 required attributes", """
                ASK { ?obs qb:dataSet/qb:structure/qb:component ?component .
                      ?component qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?attr .
                      FILTER NOT EXISTS { ?obs ?attr [] } }""");
        IC.put("IC-14 all measures present", """
                ASK { ?obs qb:dataSet/qb:structure ?dsd .
                      FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
                      ?dsd qb:component/qb:componentProperty ?measure . ?measure a qb:MeasureProperty .
                      FILTER NOT EXISTS { ?obs ?measure [] } }""");
    }

    static PerformancePortal portal;
    static Graph cube;

    @BeforeAll
    static void start() {
        portal = PerformancePortal.get();
        cube = portal.store.read(dsg -> {
            Graph g = GraphFactory.createDefaultGraph();
            dsg.getGraph(PerformancePublisher.graph(portal.iris)).find().forEachRemaining(g::add);
            return g;
        });
    }

    static boolean ask(Graph g, String query) {
        try (QueryExecution qe = QueryExecution.create(PREFIXES + query, ModelFactory.createModelForGraph(g))) {
            return qe.execAsk();
        }
    }

    static Graph copy() {
        Graph g = GraphFactory.createDefaultGraph();
        cube.find().forEachRemaining(g::add);
        return g;
    }

    static final Node QB_OBSERVATION = NodeFactory.createURI("http://purl.org/linked-data/cube#Observation");
    static final Node QB_DATASET = NodeFactory.createURI("http://purl.org/linked-data/cube#dataSet");

    @Test
    void the_published_cubes_break_no_integrity_constraint() {
        assertThat(cube.find(Node.ANY, RDF.type.asNode(), QB_OBSERVATION).toList()).hasSizeGreaterThan(100);
        for (var e : IC.entrySet()) assertThat(ask(cube, e.getValue())).as(e.getKey()).isFalse();
    }

    @Test
    void each_constraint_catches_a_cube_broken_on_purpose() {
        Triple obs = cube.find(Node.ANY, RDF.type.asNode(), QB_OBSERVATION).next();
        Node o = obs.getSubject();
        Node ds = cube.find(o, QB_DATASET, Node.ANY).next().getObject();
        Node structure = NodeFactory.createURI("http://purl.org/linked-data/cube#structure");
        Node dsd = cube.find(ds, structure, Node.ANY).next().getObject();
        Node refPeriod = DataCube.REF_PERIOD;

        Graph noDataSet = copy();
        noDataSet.delete(Triple.create(o, QB_DATASET, ds));
        assertThat(ask(noDataSet, IC.get("IC-1 unique data set"))).isTrue();

        Graph twoDsd = copy();
        Node other = NodeFactory.createURI(dsd.getURI() + "-other");
        twoDsd.add(Triple.create(ds, structure, other));
        twoDsd.add(Triple.create(other, RDF.type.asNode(), NodeFactory.createURI("http://purl.org/linked-data/cube#DataStructureDefinition")));
        assertThat(ask(twoDsd, IC.get("IC-2 unique DSD"))).isTrue();
        assertThat(ask(twoDsd, IC.get("IC-3 DSD includes measure"))).isTrue(); // the other DSD has no component

        Graph noRange = copy();
        noRange.remove(refPeriod, org.apache.jena.vocabulary.RDFS.range.asNode(), Node.ANY);
        assertThat(ask(noRange, IC.get("IC-4 dimensions have range"))).isTrue();

        Graph conceptRange = copy();
        conceptRange.add(Triple.create(refPeriod, org.apache.jena.vocabulary.RDFS.range.asNode(),
                NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#Concept")));
        assertThat(ask(conceptRange, IC.get("IC-5 concept dimensions have code lists"))).isTrue();

        Graph optionalDimension = copy();
        Node spec = NodeFactory.createURI(dsd.getURI() + "#refPeriod");
        optionalDimension.add(Triple.create(spec, NodeFactory.createURI("http://purl.org/linked-data/cube#componentRequired"),
                NodeFactory.createLiteralDT("false", org.apache.jena.datatypes.xsd.XSDDatatype.XSDboolean)));
        assertThat(ask(optionalDimension, IC.get("IC-6 only attributes may be optional"))).isTrue();

        Graph noPeriod = copy();
        noPeriod.remove(o, refPeriod, Node.ANY);
        assertThat(ask(noPeriod, IC.get("IC-11 all dimensions required"))).isTrue();

        Graph duplicate = copy();
        Node twin = NodeFactory.createURI(o.getURI() + "-twin");
        cube.find(o, Node.ANY, Node.ANY).forEachRemaining(t -> duplicate.add(Triple.create(twin, t.getPredicate(), t.getObject())));
        assertThat(ask(duplicate, IC.get("IC-12 no duplicate observations"))).isTrue();

        Graph requiredStatus = copy();
        Node statusSpec = NodeFactory.createURI(dsd.getURI() + "#status");
        Node required = NodeFactory.createURI("http://purl.org/linked-data/cube#componentRequired");
        requiredStatus.remove(statusSpec, required, Node.ANY);
        requiredStatus.add(Triple.create(statusSpec, required, NodeFactory.createLiteralDT("true", org.apache.jena.datatypes.xsd.XSDDatatype.XSDboolean)));
        requiredStatus.remove(o, portal.iris.term("status"), Node.ANY);
        assertThat(ask(requiredStatus, IC.get("IC-13 required attributes"))).isTrue();

        Graph noValue = copy();
        noValue.remove(o, DataCube.OBS_VALUE, Node.ANY);
        assertThat(ask(noValue, IC.get("IC-14 all measures present"))).isTrue();
    }

    @Test
    void each_observation_carries_the_computed_value_and_status() {
        int checked = 0;
        for (GoalResult g : portal.performance.goals()) {
            for (MeasureResult m : g.measures()) {
                Node ds = DataCube.measure(portal.iris, g.id(), m.id());
                long expected = m.series().stream().filter(Observation::hasValue).count()
                        + m.members().values().stream().flatMap(java.util.List::stream).filter(Observation::hasValue).count();
                assertThat(cube.find(Node.ANY, QB_DATASET, ds).toList()).as(ds.getURI()).hasSize((int) expected);
                for (Observation o : m.series()) {
                    if (!o.hasValue()) continue;
                    Node obs = NodeFactory.createURI(ds.getURI() + "/" + o.period().label());
                    Node v = cube.find(obs, DataCube.OBS_VALUE, Node.ANY).next().getObject();
                    assertThat(((Number) v.getLiteralValue()).doubleValue()).as(obs.getURI()).isEqualTo(o.value());
                    assertThat(cube.contains(obs, portal.iris.term("status"), portal.iris.term(DataCube.statusTerm(o.status())))).isTrue();
                    assertThat(cube.contains(obs, DataCube.REF_PERIOD, DataCube.periodLiteral(o.period()))).isTrue();
                    assertThat(cube.contains(obs, portal.iris.term("member"), portal.iris.term("Total"))).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
    }
}
