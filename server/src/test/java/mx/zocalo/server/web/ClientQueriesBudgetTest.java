package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The counts and budgets of {@link ClientQueries} on a clock the test moves. */
class ClientQueriesBudgetTest {
    static final long S = 1_000_000_000L;
    final AtomicLong now = new AtomicLong(1_000 * S);

    @Test
    void at_most_n_at_once_per_address() {
        ClientQueries c = new ClientQueries(2, 0, false, now::get);
        assertThat(c.enter("a").admitted()).isTrue();
        assertThat(c.enter("a").admitted()).isTrue();
        ClientQueries.Admission third = c.enter("a");
        assertThat(third.admitted()).isFalse();
        assertThat(third.code()).isEqualTo("too-many");
        assertThat(third.retryAfterSeconds()).isEqualTo(5);
        assertThat(c.enter("b").admitted()).as("another address").isTrue();
        c.leave("a", 10 * S);
        assertThat(c.enter("a").admitted()).isTrue();
    }

    @Test
    void the_query_time_of_an_address_is_taken_from_its_budget_which_fills_again_each_minute() {
        ClientQueries c = new ClientQueries(0, 60, false, now::get);
        // two queries of 45 s: 90 s of a 60 s budget, 30 s owed
        assertThat(c.enter("a").admitted()).isTrue();
        assertThat(c.enter("a").admitted()).isTrue();
        c.leave("a", 45 * S);
        c.leave("a", 45 * S);
        ClientQueries.Admission no = c.enter("a");
        assertThat(no.admitted()).isFalse();
        assertThat(no.code()).isEqualTo("out-of-time");
        assertThat(no.retryAfterSeconds()).isEqualTo(30); // 60 s a minute: 30 s owed are 30 s away
        assertThat(c.enter("b").admitted()).as("another address").isTrue();
        c.leave("b", S);
        now.addAndGet(20 * S);
        assertThat(c.enter("a").retryAfterSeconds()).isEqualTo(10);
        now.addAndGet(10 * S + 1);
        assertThat(c.enter("a").admitted()).as("the budget positive again").isTrue();
        c.leave("a", 0);
        // one query after another, each a second, all the time: never refused
        for (int i = 0; i < 600; i++) {
            assertThat(c.enter("c").admitted()).isTrue();
            now.addAndGet(S);
            c.leave("c", S);
        }
    }

    @Test
    void addresses_with_nothing_running_and_a_full_budget_are_forgotten() {
        ClientQueries c = new ClientQueries(2, 60, false, now::get);
        for (int i = 0; i < 100; i++) {
            String a = "203.0.113." + i;
            assertThat(c.enter(a).admitted()).isTrue();
            c.leave(a, S);
        }
        assertThat(c.enter("x").admitted()).isTrue(); // running
        now.addAndGet(2 * S); // the others' budgets full again
        assertThat(c.remembered()).isEqualTo(1);
        c.leave("x", S);
        now.addAndGet(2 * S);
        assertThat(c.remembered()).isZero();
    }

    @Test
    void no_limits_count_nothing() {
        ClientQueries c = new ClientQueries(0, 0, false, now::get);
        for (int i = 0; i < 100; i++) assertThat(c.enter("a").admitted()).isTrue();
        assertThat(c.remembered()).isZero();
    }
}
