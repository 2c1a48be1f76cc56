package mx.zocalo.server.web;

import static mx.zocalo.server.web.BundledPortal.graph;
import static mx.zocalo.server.web.BundledPortal.sparql;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The road accidents file of the demo ({@code mappings/accidentes-carreteros}): every one of its 384 rows (32 states
 * × 12 months) converts into a record linked to its state in the places dataset ({@code dct:spatial}, though the file
 * writes the names without accents) with its month as an {@code xsd:gMonth}, and the counts add up to the file's.
 */
class AccidentsDatasetTest {
    static final Path FILE = BundledPortal.MAPPINGS.resolve("accidentes-carreteros/sct_71_accidentes_mes.csv");
    static final String PREFIXES = "PREFIX dct: <http://purl.org/dc/terms/> ";
    static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = BundledPortal.get();
    }

    @Test
    void every_row_is_a_record_linked_to_a_state_of_the_places_dataset() throws Exception {
        List<CSVRecord> rows = rows();
        assertThat(rows).hasSize(384);
        List<Binding> records = sparql(portal, PREFIXES + "SELECT ?r ?place ?name ?own ?month WHERE { GRAPH " + graph("accidentes-carreteros")
                + " { ?r a zoc:RegistroAccidentes ; zoc:mes ?month . OPTIONAL { ?r zoc:entidadFederativa/rdfs:label ?own }"
                + " OPTIONAL { ?r dct:spatial ?place"
                + " OPTIONAL { GRAPH " + graph("lugares") + " { ?place rdfs:label ?name } } } } }");
        assertThat(records).hasSize(rows.size());
        Set<String> states = new HashSet<>();
        Set<String> months = new HashSet<>();
        for (Binding b : records) {
            assertThat(b.get(Var.alloc("place"))).as("the state of " + b.get(Var.alloc("r"))).isNotNull();
            assertThat(b.get(Var.alloc("name"))).as("a place of the places dataset: " + b.get(Var.alloc("place"))).isNotNull();
            states.add(b.get(Var.alloc("name")).getLiteralLexicalForm());
            // the dataset's own state resource is named as the place is (with its accents)
            assertThat(b.get(Var.alloc("own"))).as("the state resource of " + b.get(Var.alloc("r"))).isNotNull();
            assertThat(b.get(Var.alloc("own")).getLiteralLexicalForm()).isEqualTo(b.get(Var.alloc("name")).getLiteralLexicalForm());
            assertThat(b.get(Var.alloc("month")).getLiteralDatatypeURI()).isEqualTo("http://www.w3.org/2001/XMLSchema#gMonth");
            months.add(b.get(Var.alloc("month")).getLiteralLexicalForm());
        }
        assertThat(states).hasSize(32).contains("Nuevo León", "Ciudad de México", "Estado de México", "Yucatán");
        assertThat(months).hasSize(12).contains("--01", "--12");
    }

    @Test
    void the_sums_per_state_and_month_equal_the_file() throws Exception {
        Map<String, BigDecimal> fileByStateMonth = new HashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (CSVRecord r : rows()) {
            BigDecimal v = new BigDecimal(r.get("accidentes"));
            fileByStateMonth.put(r.get("entidad_federativa") + "/" + r.get("mes"), v);
            total = total.add(v);
        }
        List<Binding> stored = sparql(portal, PREFIXES + "SELECT ?written ?mes ?a WHERE { GRAPH " + graph("accidentes-carreteros")
                + " { ?r zoc:entidadFederativaEscrita ?written ; zoc:nombreMes ?mes ; zoc:accidentes ?a FILTER(lang(?mes) = 'es') } }");
        assertThat(stored).hasSize(fileByStateMonth.size());
        BigDecimal sum = BigDecimal.ZERO;
        for (Binding b : stored) {
            String key = b.get(Var.alloc("written")).getLiteralLexicalForm() + "/" + b.get(Var.alloc("mes")).getLiteralLexicalForm();
            BigDecimal v = new BigDecimal(b.get(Var.alloc("a")).getLiteralLexicalForm());
            assertThat(v).as(key).isEqualByComparingTo(fileByStateMonth.get(key));
            sum = sum.add(v);
        }
        assertThat(sum).isEqualByComparingTo(total);
        // its line view: accidents by month over the whole country, from the row API
        var api = BundledPortal.json(portal.get("/api/datasets/accidentes-carreteros/rows?" + "$select=" + TestPortal.enc("mes, sum(accidentes) AS a")
                + "&$group=mes&$order=mes", "application/json"));
        assertThat(api.size()).isEqualTo(12);
        BigDecimal apiSum = BigDecimal.ZERO;
        for (var row : api) apiSum = apiSum.add(row.path("a").decimalValue());
        assertThat(apiSum).isEqualByComparingTo(total);
    }

    private static List<CSVRecord> rows() throws Exception {
        try (Reader in = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
