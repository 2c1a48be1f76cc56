package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IriPathTest {
    @Test
    void non_ascii_escapes_are_decoded_and_ascii_escapes_kept() {
        assertThat(IriPath.fromRequest("/id/x/ramo/H.%20C%C3%A1mara%20de%20Diputados"))
                .isEqualTo("/id/x/ramo/H.%20Cámara%20de%20Diputados");
    }

    @Test
    void plain_paths_are_unchanged() {
        assertThat(IriPath.fromRequest("/id/pagos/pago/1")).isEqualTo("/id/pagos/pago/1");
        assertThat(IriPath.fromRequest("/a%2Fb%")).isEqualTo("/a%2Fb%");
    }

    @Test
    void invalid_utf8_stays_escaped() {
        assertThat(IriPath.fromRequest("/a%E9b")).isEqualTo("/a%E9b");
    }
}
