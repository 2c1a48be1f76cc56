package mx.zocalo.converter.source.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import mx.zocalo.converter.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short run of the fuzzer with a fixed seed: every mutated sample ends in rows or in a TableSourceException. */
class ReaderFuzzerTest {
    @Test
    void given_300_mutated_samples_when_read_then_each_ends_in_rows_or_a_table_source_exception(@TempDir Path work)
            throws IOException {
        List<Path> samples = ReaderFuzzer.samples(TestData.file("data_total.csv").getParent());
        assertThat(samples).extracting(p -> p.getFileName().toString())
                .contains("sct_71_accidentes_mes.csv", "uanl_dependencia_mes.csv", "siha_2_2_4_9_dic_2015.xlsx");

        ReaderFuzzer.Result result = new ReaderFuzzer(samples, work, null, null).run(300, 20251127L);

        assertThat(result.escapes()).isEmpty();
        assertThat(result.wrapped()).isEmpty();
        assertThat(result.rows() + result.refused()).isEqualTo(300);
        assertThat(result.rows()).as("some mutations still read").isPositive();
        assertThat(result.refused()).as("some mutations are refused").isPositive();
    }
}
