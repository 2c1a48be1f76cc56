package mx.zocalo.converter.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Coordinates as the census and other files write them, read as decimal degrees. */
class CoordinatesTest {
    private static final Coordinates.Axis LAT = Coordinates.Axis.LATITUDE;
    private static final Coordinates.Axis LON = Coordinates.Axis.LONGITUDE;

    /** Monterrey in the census: 25°39'52.910" N, 100°18'39.210" W, computed here with doubles. */
    private static final double MONTERREY_LAT = 25 + 39 / 60.0 + 52.910 / 3600;
    private static final double MONTERREY_LON = -(100 + 18 / 60.0 + 39.210 / 3600);

    @Test
    void given_the_census_degrees_minutes_seconds_when_read_then_decimal_degrees_west_and_south_negative() {
        assertThat(Coordinates.read("25°39'52.910\" N", LAT).doubleValue()).isCloseTo(MONTERREY_LAT, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(Coordinates.read("100°18'39.210\" W", LON).doubleValue()).isCloseTo(MONTERREY_LON, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(Coordinates.read("25°39'52.910\" N", LAT).scale()).isLessThanOrEqualTo(8);
    }

    @Test
    void given_the_variants_people_write_when_read_then_the_same_degrees() {
        BigDecimal lon = Coordinates.read("100°18'39.210\" W", LON);
        for (String variant : new String[] {"-100°18'39.210\"", "100º18'39.210\"W", "100° 18′ 39.21″ W", "-100 18 39.21",
                "W 100°18'39.21\"", "100°18'39.21'' O", "100°18’39.21” w", " -100º 18' 39.210 "}) {
            assertThat(Coordinates.read(variant, LON)).as(variant).isEqualByComparingTo(lon);
        }
        assertThat(Coordinates.read("25.6647", LAT)).isEqualByComparingTo("25.6647");
        assertThat(Coordinates.read("-100.3109", LON)).isEqualByComparingTo("-100.3109");
        assertThat(Coordinates.read("25°39.5' N", LAT)).isEqualByComparingTo("25.65833333");
        assertThat(Coordinates.read("25° S", LAT)).isEqualByComparingTo("-25");
        assertThat(Coordinates.read("", LAT)).isNull();
        assertThat(Coordinates.read(null, LAT)).isNull();
    }

    @Test
    void given_values_that_are_not_coordinates_when_read_then_the_reason_in_words() {
        assertThatThrownBy(() -> Coordinates.read("95°00'00\" N", LAT)).hasMessageContaining("between -90 and 90");
        assertThatThrownBy(() -> Coordinates.read("-181.5", LON)).hasMessageContaining("between -180 and 180");
        assertThatThrownBy(() -> Coordinates.read("25°75'00\" N", LAT)).hasMessageContaining("minutes must be under 60");
        assertThatThrownBy(() -> Coordinates.read("25°39'61\" N", LAT)).hasMessageContaining("seconds must be under 60");
        assertThatThrownBy(() -> Coordinates.read("100°18'39\" N", LON)).hasMessageContaining("not a hemisphere of a longitude");
        assertThatThrownBy(() -> Coordinates.read("Monterrey", LAT)).hasMessageContaining("not a number of degrees");
        assertThatThrownBy(() -> Coordinates.read("-25°39' S", LAT)).hasMessageContaining("minus sign");
    }

    @Test
    void given_a_longitude_and_latitude_when_written_as_wkt_then_longitude_first() {
        assertThat(Coordinates.wktPoint(new BigDecimal("-100.31089167"), new BigDecimal("25.66469722")))
                .isEqualTo("POINT(-100.31089167 25.66469722)");
    }
}
