package mx.zocalo.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;

/** A new data version drops the entries of the others from a Caffeine cache; a version seen before drops nothing. */
class VersionedEntriesTest {
    @Test
    void a_new_version_drops_the_entries_of_every_other_version() {
        Cache<String, String> cache = Caffeine.newBuilder().maximumSize(1000).build();
        VersionedEntries old = new VersionedEntries(cache.asMap());
        old.asked("v1");
        cache.put("v1\n/a", "a1");
        cache.put("v1\n/b", "b1");
        old.asked("v1");
        assertThat(cache.asMap()).containsOnlyKeys("v1\n/a", "v1\n/b");

        old.asked("v2");
        assertThat(cache.asMap()).isEmpty();
        cache.put("v2\n/a", "a2");
        old.asked("v1"); // a request that began before the publish: seen before, drops nothing
        cache.put("v1\n/c", "c1");
        assertThat(cache.asMap()).containsOnlyKeys("v2\n/a", "v1\n/c");

        old.asked("v2\nx".substring(0, 2)); // the latest again: nothing
        old.asked(null);
        assertThat(cache.asMap()).hasSize(2);
        old.asked("v3");
        assertThat(cache.asMap()).isEmpty();
        // a version whose text begins another's is not taken for it
        cache.put("v3\n/a", "a3");
        cache.put("v33\n/a", "a33");
        old.asked("v3"); // the latest: nothing
        assertThat(cache.asMap()).containsOnlyKeys("v3\n/a", "v33\n/a");
        old.asked("v33");
        assertThat(cache.asMap()).containsOnlyKeys("v33\n/a");
    }
}
