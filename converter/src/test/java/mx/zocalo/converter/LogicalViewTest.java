package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;

/**
 * RML-LV logical views over two CSV files (people with a country code, and countries): expression fields (reference,
 * template, constant), the index key {@code #}, left and inner joins, a view on a view, a view as the parent of a
 * referencing object map, and the mapping errors. Expected outputs were written by hand (views/*.nq).
 */
class LogicalViewTest {

    private static Path file(String name) {
        try {
            return Path.of(LogicalViewTest.class.getResource("/views/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource views/" + name, e);
        }
    }

    private static DatasetGraph convert(String mapping) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(file(mapping)).base("http://example.com/").build().run(StreamRDFLib.dataset(dsg));
        return dsg;
    }

    private static void assertIsomorphic(String mapping, String expectedFile) {
        DatasetGraph produced = convert(mapping);
        DatasetGraph expected = DatasetGraphFactory.createTxnMem();
        RDFDataMgr.read(expected, file(expectedFile).toString());
        List<String> lines = new ArrayList<>();
        produced.stream().forEach(q -> lines.add(q.toString()));
        assertThat(IsoMatcher.isomorphic(expected, produced)).as("produced:\n%s", String.join("\n", lines)).isTrue();
    }

    private static String failure(String mapping) {
        ConversionException e = catchThrowableOfType(ConversionException.class, () -> convert(mapping));
        assertThat(e).as("a ConversionException from %s", mapping).isNotNull();
        return e.getMessage();
    }

    @Test
    void given_view_with_expression_fields_and_a_left_join_when_converting_then_people_without_country_stay() {
        assertIsomorphic("left-join.rml.ttl", "left-join.nq");
    }

    @Test
    void given_view_with_an_inner_join_when_converting_then_only_people_with_a_known_country_remain() {
        assertIsomorphic("inner-join.rml.ttl", "inner-join.nq");
    }

    @Test
    void given_view_on_a_view_when_converting_then_it_reads_the_fields_and_index_of_the_view_below() {
        assertIsomorphic("view-on-view.rml.ttl", "view-on-view.nq");
    }

    @Test
    void given_view_as_the_parent_of_a_referencing_object_map_when_converting_then_joins_on_its_fields() {
        assertIsomorphic("view-as-parent.rml.ttl", "view-as-parent.nq");
    }

    @Test
    void given_iterable_field_over_json_when_converting_then_one_record_per_item_with_nested_fields_and_indexes() {
        assertIsomorphic("iterable-field.rml.ttl", "iterable-field.nq");
    }

    @Test
    void given_term_map_referencing_a_column_that_is_no_field_of_its_view_when_converting_then_error_names_view_rule_and_fields() {
        assertThat(failure("error-unknown-field.rml.ttl"))
                .startsWith("logical view <#PersonasView> (personas.csv): field \"apellido\" does not exist "
                        + "(object map for ex:apellido of <#Persona>); the fields are: ")
                .contains("\"#\"", "\"id\"", "\"nombre\"", "\"id.#\"");
    }

    @Test
    void given_field_referencing_a_missing_column_when_converting_then_error_names_the_file_the_field_and_the_view() {
        assertThat(failure("error-unknown-column.rml.ttl"))
                .startsWith("personas.csv: column \"apellidos\" does not exist (field \"apellido\" of logical view <#PersonasView>); "
                        + "the columns are: \"id\", \"nombre\", \"apellido\", \"pais\", \"nacimiento\"");
    }

    @Test
    void given_join_whose_parent_is_not_a_view_when_converting_then_error_names_the_join_and_the_parent() {
        assertThat(failure("error-unknown-parent.rml.ttl")).contains("invalid mapping: rml:leftJoin of logical view "
                + "<#PersonasView>: rml:parentLogicalView <#Paises> is not a logical view of this mapping")
                .contains("(the logical source of <#Persona>)");
    }

    @Test
    void given_views_on_each_other_when_converting_then_error_shows_the_cycle() {
        assertThat(failure("error-viewon-cycle.rml.ttl")).contains("logical view <#PersonasView> depends on itself: "
                + "logical view <#PersonasView> rml:viewOn logical view <#OtraView> rml:viewOn logical view <#PersonasView>");
    }

    @Test
    void given_views_joined_with_each_other_when_converting_then_error_shows_the_cycle() {
        assertThat(failure("error-join-cycle.rml.ttl")).contains("logical view <#PersonasView> depends on itself: "
                + "logical view <#PersonasView> rml:innerJoin with logical view <#PaisesView> rml:leftJoin with "
                + "logical view <#PersonasView>");
    }

    @Test
    void given_join_condition_on_a_field_the_child_view_lacks_when_converting_then_error_lists_its_fields() {
        assertThat(failure("error-join-child.rml.ttl")).contains("rml:leftJoin of logical view <#PersonasView>: join condition "
                + "rml:child \"pais\" is not a field of logical view <#PersonasView>; its fields are: ");
    }
}
