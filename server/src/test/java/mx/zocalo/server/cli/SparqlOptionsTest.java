package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mx.zocalo.server.web.SparqlLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The SPARQL limits as the options give them: the limit per client follows the slots unless given. */
class SparqlOptionsTest {
    @Command(name = "t")
    static final class Holder {
        @Mixin
        SparqlOptions sparql;
    }

    private static SparqlLimits limits(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.sparql.limits();
    }

    @Test
    void the_limit_per_client_is_half_the_slots_unless_given() {
        assertThat(limits().perClient()).isEqualTo(2);
        assertThat(limits()).isEqualTo(SparqlLimits.defaults());
        assertThat(limits("--max-concurrent-queries", "7").perClient()).isEqualTo(4);
        assertThat(limits("--max-concurrent-queries", "1").perClient()).isEqualTo(1);
        assertThat(limits("--max-queries-per-client", "0").perClient()).isZero();
        assertThat(limits("--max-concurrent-queries", "8", "--max-queries-per-client", "3").perClient()).isEqualTo(3);
        assertThatThrownBy(() -> limits("--max-queries-per-client", "-1")).hasMessageContaining("--max-queries-per-client");
    }

    @Test
    void the_query_time_per_client_is_a_slot_s_minute_unless_given() {
        assertThat(limits().clientSecondsPerMinute()).isEqualTo(60);
        assertThat(limits("--query-seconds-per-client", "0").clientSecondsPerMinute()).isZero();
        assertThat(limits("--query-seconds-per-client", "300").clientSecondsPerMinute()).isEqualTo(300);
        assertThatThrownBy(() -> limits("--query-seconds-per-client", "-5")).hasMessageContaining("--query-seconds-per-client");
    }
}
