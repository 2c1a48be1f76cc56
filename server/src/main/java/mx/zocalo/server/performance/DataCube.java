package mx.zocalo.server.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * A goal as RDF: the goal ({@code {base}id/performance/{goal}}, a {@code zoc:Goal}), and each measure as an RDF Data
 * Cube ({@code .../{measure}}, a {@code qb:DataSet} with its {@code qb:DataStructureDefinition}): one
 * {@code qb:Observation} per period with a value ({@code sdmx-dimension:refPeriod}, {@code sdmx-measure:obsValue},
 * {@code zoc:status}, {@code zoc:targetValue}), for the whole ({@code zoc:member zoc:Total}) and for each member of the
 * measure's {@code by:} column. Periods without a value have no observation (the Data Cube needs a value in each); the
 * JSON API tells them. The target ({@code .../{measure}/target}) is a {@code zoc:Target}.
 */
final class DataCube {
    static final String QB = "http://purl.org/linked-data/cube#";
    static final String SDMX_DIMENSION = "http://purl.org/linked-data/sdmx/2009/dimension#";
    static final String SDMX_MEASURE = "http://purl.org/linked-data/sdmx/2009/measure#";
    static final String SDMX_ATTRIBUTE = "http://purl.org/linked-data/sdmx/2009/attribute#";
    static final String PROV = "http://www.w3.org/ns/prov#";
    static final Node REF_PERIOD = NodeFactory.createURI(SDMX_DIMENSION + "refPeriod");
    static final Node OBS_VALUE = NodeFactory.createURI(SDMX_MEASURE + "obsValue");

    private final PortalIris iris;
    private final List<Triple> out = new ArrayList<>();

    private DataCube(PortalIris iris) {
        this.iris = iris;
    }

    static Node goal(PortalIris iris, String goal) {
        return iris.iri("id/performance/" + goal);
    }

    static Node measure(PortalIris iris, String goal, String measure) {
        return iris.iri("id/performance/" + goal + "/" + measure);
    }

    /** The triples of a computed goal. */
    static List<Triple> triples(PortalIris iris, GoalResult r) {
        DataCube c = new DataCube(iris);
        c.components();
        c.goal(r);
        return c.out;
    }

    /** The component properties, declared as the Data Cube needs (their types and ranges). */
    private void components() {
        add(REF_PERIOD, RDF.type.asNode(), qb("DimensionProperty"));
        add(REF_PERIOD, RDFS.range.asNode(), RDFS.Literal.asNode());
        add(REF_PERIOD, RDFS.label.asNode(), lang("periodo de referencia", "es"));
        add(REF_PERIOD, RDFS.label.asNode(), lang("reference period", "en"));
        add(iris.term("member"), RDF.type.asNode(), qb("DimensionProperty"));
        add(iris.term("member"), RDFS.range.asNode(), RDFS.Resource.asNode());
        add(OBS_VALUE, RDF.type.asNode(), qb("MeasureProperty"));
        add(OBS_VALUE, RDFS.range.asNode(), XSDDatatype.XSDdecimal.getURI() == null ? null : NodeFactory.createURI(XSDDatatype.XSDdecimal.getURI()));
        add(OBS_VALUE, RDFS.label.asNode(), lang("valor", "es"));
        add(OBS_VALUE, RDFS.label.asNode(), lang("value", "en"));
        for (String a : List.of("status", "targetValue", "periodStart", "periodEnd")) add(iris.term(a), RDF.type.asNode(), qb("AttributeProperty"));
    }

    private void goal(GoalResult r) {
        Goal g = r.goal();
        Node goal = goal(iris, g.id());
        add(goal, RDF.type.asNode(), iris.term("Goal"));
        add(goal, DCTerms.identifier.asNode(), str(g.id()));
        langs(goal, DCTerms.title.asNode(), g.title());
        langs(goal, DCTerms.description.asNode(), g.narrative());
        add(goal, iris.term("department"), str(g.department()));
        add(goal, iris.term("category"), str(g.category()));
        add(goal, iris.term("illustrative"), NodeFactory.createLiteralDT(Boolean.toString(g.illustrative()), XSDDatatype.XSDboolean));
        add(goal, DCTerms.temporal.asNode(), period(goal, g.start(), g.end()));
        add(goal, NodeFactory.createURI("http://xmlns.com/foaf/0.1/page"), iris.iri("performance/" + g.id()));
        add(goal, DCTerms.modified.asNode(), NodeFactory.createLiteralDT(r.lastUpdated().toString(), XSDDatatype.XSDdateTime));
        for (MeasureResult m : r.measures()) measure(g, goal, m);
    }

    private Node period(Node owner, java.time.LocalDate start, java.time.LocalDate end) {
        Node p = NodeFactory.createURI(owner.getURI() + "#period");
        add(p, RDF.type.asNode(), DCTerms.PeriodOfTime.asNode());
        add(p, NodeFactory.createURI("http://www.w3.org/ns/dcat#startDate"), NodeFactory.createLiteralDT(start.toString(), XSDDatatype.XSDdate));
        add(p, NodeFactory.createURI("http://www.w3.org/ns/dcat#endDate"), NodeFactory.createLiteralDT(end.toString(), XSDDatatype.XSDdate));
        return p;
    }

    private void measure(Goal g, Node goal, MeasureResult r) {
        Measure m = r.measure();
        Node ds = measure(iris, g.id(), m.id());
        Node dsd = NodeFactory.createURI(ds.getURI() + "/structure");
        add(goal, iris.term("measure"), ds);
        add(ds, iris.term("goal"), goal);
        add(ds, RDF.type.asNode(), qb("DataSet"));
        add(ds, DCTerms.identifier.asNode(), str(g.id() + "/" + m.id()));
        langs(ds, DCTerms.title.asNode(), m.title());
        langs(ds, RDFS.label.asNode(), m.title());
        add(ds, qb("structure"), dsd);
        add(ds, iris.term("aggregate"), str(m.aggregate().word()));
        add(ds, iris.term("frequency"), str(m.every().word()));
        for (String slug : r.datasets()) add(ds, NodeFactory.createURI(PROV + "wasDerivedFrom"), iris.dataset(slug));
        for (MeasureQuery q : r.queries()) {
            add(ds, iris.term("measureSparql"), str(q.sparql()));
            add(ds, iris.term("measureSoql"), str(q.soql()));
        }
        add(dsd, RDF.type.asNode(), qb("DataStructureDefinition"));
        component(dsd, "dimension", REF_PERIOD, 1);
        component(dsd, "dimension", iris.term("member"), 2);
        component(dsd, "measure", OBS_VALUE, 0);
        for (String a : List.of("status", "targetValue", "periodStart", "periodEnd")) component(dsd, "attribute", iris.term(a), 0);
        if (m.target() != null) target(ds, m, r);
        observations(ds, r.series(), null, null);
        for (Map.Entry<String, List<Observation>> e : r.members().entrySet()) observations(ds, e.getValue(), e.getKey(), r.memberLabels().get(e.getKey()));
    }

    private void component(Node dsd, String kind, Node property, int order) {
        Node spec = NodeFactory.createURI(dsd.getURI() + "#" + property.getURI().replaceAll(".*[#/]", ""));
        add(dsd, qb("component"), spec);
        add(spec, RDF.type.asNode(), qb("ComponentSpecification"));
        add(spec, qb(kind), property);
        add(spec, qb("componentProperty"), property); // the normalized form (Data Cube §10) the integrity constraints read
        if (order > 0) add(spec, qb("order"), NodeFactory.createLiteralDT(Integer.toString(order), XSDDatatype.XSDinteger));
        if (kind.equals("attribute")) add(spec, qb("componentRequired"), NodeFactory.createLiteralDT("false", XSDDatatype.XSDboolean));
    }

    private void target(Node ds, Measure m, MeasureResult r) {
        Target t = m.target();
        Node target = NodeFactory.createURI(ds.getURI() + "/target");
        add(ds, iris.term("target"), target);
        add(target, RDF.type.asNode(), iris.term("Target"));
        add(target, iris.term("direction"), str(t.direction().word()));
        add(target, DCTerms.date.asNode(), NodeFactory.createLiteralDT(t.date().toString(), XSDDatatype.XSDdate));
        add(target, iris.term("tolerance"), str(t.tolerance().percent() ? num(t.tolerance().amount()) + "%" : num(t.tolerance().amount())));
        if (r.targetValue() != null) add(target, iris.term("targetValue"), decimal(r.targetValue()));
        if (t.change() != null) add(target, iris.term("changeFromBaseline"), decimal(t.change()));
        if (t.baseline() != null) add(target, iris.term("baselinePeriod"), str(t.baseline()));
        if (r.baselineValue() != null) add(target, iris.term("baselineValue"), decimal(r.baselineValue()));
    }

    private void observations(Node ds, List<Observation> series, String member, String label) {
        for (Observation o : series) {
            if (o.value() == null) continue;
            String key = member == null ? "" : "/" + memberPath(member);
            Node obs = NodeFactory.createURI(ds.getURI() + "/" + o.period().label() + key);
            add(obs, RDF.type.asNode(), qb("Observation"));
            add(obs, qb("dataSet"), ds);
            add(obs, REF_PERIOD, periodLiteral(o.period()));
            add(obs, iris.term("member"), member == null ? iris.term("Total")
                    : member.matches("[a-z]+:.*") ? NodeFactory.createURI(member) : str(member));
            add(obs, OBS_VALUE, decimal(o.value()));
            add(obs, iris.term("status"), iris.term(statusTerm(o.status())));
            if (o.target() != null) add(obs, iris.term("targetValue"), decimal(o.target()));
            if (o.period().dated()) {
                add(obs, iris.term("periodStart"), NodeFactory.createLiteralDT(o.period().start().toString(), XSDDatatype.XSDdate));
                add(obs, iris.term("periodEnd"), NodeFactory.createLiteralDT(o.period().end().toString(), XSDDatatype.XSDdate));
            }
            if (label != null && member != null && !member.equals(label)) add(obs, RDFS.comment.asNode(), lang(label, "es"));
        }
    }

    /** The part of an observation's IRI for a member: the last segment of a linked resource, else the value, encoded. */
    static String memberPath(String member) {
        String s = member.matches("[a-z]+:.*") ? member.substring(member.lastIndexOf('/') + 1) : member;
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String statusTerm(Status s) {
        return switch (s) {
            case ON_TRACK -> "OnTrack";
            case NEAR_TARGET -> "NearTarget";
            case OFF_TRACK -> "OffTrack";
            case NO_TARGET -> "NoTarget";
            case NO_DATA -> "NoData";
        };
    }

    /** A period as a typed literal: xsd:gYear, xsd:gYearMonth, xsd:gMonth (no stated year); a quarter as text (2014-Q1). */
    static Node periodLiteral(Period p) {
        if (!p.dated()) return NodeFactory.createLiteralDT(p.label(), XSDDatatype.XSDgMonth);
        return switch (p.frequency()) {
            case YEAR -> NodeFactory.createLiteralDT(p.label(), XSDDatatype.XSDgYear);
            case MONTH -> NodeFactory.createLiteralDT(p.label(), XSDDatatype.XSDgYearMonth);
            case QUARTER -> NodeFactory.createLiteralString(p.label());
        };
    }

    static Node decimal(double v) {
        return NodeFactory.createLiteralDT(new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString(), XSDDatatype.XSDdecimal);
    }

    private static String num(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private Node qb(String local) {
        return NodeFactory.createURI(QB + local);
    }

    private static Node str(String s) {
        return NodeFactory.createLiteralString(s);
    }

    private static Node lang(String s, String lang) {
        return NodeFactory.createLiteralLang(s, lang);
    }

    private void langs(Node s, Node p, Map<String, String> byLang) {
        byLang.forEach((l, text) -> add(s, p, lang(text, l)));
    }

    private void add(Node s, Node p, Node o) {
        if (o != null) out.add(Triple.create(s, p, o));
    }
}
