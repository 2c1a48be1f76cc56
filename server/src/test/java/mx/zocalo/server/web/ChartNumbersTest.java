package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Numbers as a chart's reader says them: Spanish in millones and billones, English in millions, billions, trillions. */
class ChartNumbersTest {
    @Test
    void spanish_counts_large_amounts_in_millions_and_english_in_billions() {
        BigDecimal amount = new BigDecimal("1234500000");
        assertThat(ChartNumbers.readable(amount, ChartNumbers.Unit.MONEY, "es")).isEqualTo("$1,234.5 millones");
        assertThat(ChartNumbers.readable(amount, ChartNumbers.Unit.MONEY, "en")).isEqualTo("$1.23 billion");
        assertThat(ChartNumbers.readable(new BigDecimal("6470000000000"), ChartNumbers.Unit.MONEY, "es")).isEqualTo("$6.5 billones");
        assertThat(ChartNumbers.readable(new BigDecimal("6470000000000"), ChartNumbers.Unit.MONEY, "en")).isEqualTo("$6.47 trillion");
        assertThat(ChartNumbers.readable(new BigDecimal("1000000"), ChartNumbers.Unit.NONE, "es")).isEqualTo("1 millón");
        assertThat(ChartNumbers.readable(45123L, ChartNumbers.Unit.NONE, "en")).isEqualTo("45,123");
        assertThat(ChartNumbers.readable(new BigDecimal("-2500000"), ChartNumbers.Unit.MONEY, "en")).isEqualTo("-$2.5 million");
        assertThat(ChartNumbers.readable(new BigDecimal("12.34"), ChartNumbers.Unit.PERCENT, "es")).isEqualTo("12.3 %");
    }

    @Test
    void the_unit_is_read_from_the_column_label() {
        assertThat(ChartNumbers.Unit.of("monto total (pesos)")).isEqualTo(ChartNumbers.Unit.MONEY);
        assertThat(ChartNumbers.Unit.of("current expenditure share (%)")).isEqualTo(ChartNumbers.Unit.PERCENT);
        assertThat(ChartNumbers.Unit.of("incidents in the year")).isEqualTo(ChartNumbers.Unit.NONE);
    }
}
