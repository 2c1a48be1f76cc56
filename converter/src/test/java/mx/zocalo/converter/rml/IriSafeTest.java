package mx.zocalo.converter.rml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IriSafeTest {

    @Test
    void given_reserved_and_ascii_punctuation_when_encoded_then_percent_encoded_in_upper_case_utf8() {
        assertThat(IriSafe.encode("Bob/Charles")).isEqualTo("Bob%2FCharles");
        assertThat(IriSafe.encode("Emily Smith")).isEqualTo("Emily%20Smith");
        assertThat(IriSafe.encode("path/../Danny")).isEqualTo("path%2F..%2FDanny");
        assertThat(IriSafe.encode("http://a.b/c?d=e#f")).isEqualTo("http%3A%2F%2Fa.b%2Fc%3Fd%3De%23f");
        assertThat(IriSafe.encode("Saint Martin (French part)")).isEqualTo("Saint%20Martin%20%28French%20part%29");
    }

    @Test
    void given_unreserved_and_non_ascii_letters_when_encoded_then_kept() {
        assertThat(IriSafe.encode("AÑO-2014_v1.0~x")).isEqualTo("AÑO-2014_v1.0~x");
        assertThat(IriSafe.encode("Nuevo León")).isEqualTo("Nuevo%20León");
    }

    @Test
    void given_control_and_private_use_characters_when_encoded_then_encoded() {
        assertThat(IriSafe.encode("a\tb")).isEqualTo("a%09b");
        assertThat(IriSafe.encode("\u0085")).isEqualTo("%C2%85");
    }
}
