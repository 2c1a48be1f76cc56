package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classes of a choropleth: quantiles of the values, at most five, each value in exactly one. */
class ChoroplethTest {
    static int[] sizes(List<Double> values) {
        double[] b = Choropleth.breaks(values);
        int[] n = new int[b.length - 1];
        for (double v : values) n[Choropleth.classOf(v, b)]++;
        return n;
    }

    @Test
    void thirty_two_different_values_make_five_classes_of_about_as_many_places() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 32; i++) values.add((double) i * i);
        int[] n = sizes(values);
        assertThat(n).hasSize(5);
        for (int c : n) assertThat(c).isBetween(5, 8);
        assertThat(Choropleth.classOf(1, Choropleth.breaks(values))).isZero();
        assertThat(Choropleth.classOf(1024, Choropleth.breaks(values))).isEqualTo(4);
    }

    @Test
    void few_different_values_make_one_class_each() {
        assertThat(sizes(List.of(564_110.0, 879_423.0, 1_523_949.0))).containsExactly(1, 1, 1);
        assertThat(sizes(List.of(7.0, 7.0, 7.0))).containsExactly(3);
        assertThat(sizes(List.of(1.0, 2.0, 2.0, 3.0, 4.0, 5.0))).containsExactly(1, 2, 1, 1, 1);
        assertThat(Choropleth.breaks(List.of())).isEmpty();
    }

    @Test
    void class_colours_spread_over_the_palette_light_to_dark() {
        assertThat(Choropleth.colour(0, 3)).isEqualTo(Choropleth.COLOURS.get(0));
        assertThat(Choropleth.colour(2, 3)).isEqualTo(Choropleth.COLOURS.get(4));
        assertThat(Choropleth.colour(0, 1)).isEqualTo(Choropleth.COLOURS.get(2));
    }
}
