package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentNegotiationTest {
    private static final List<String> OFFER = List.of(
            "text/html", "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml");

    @Test
    void missing_accept_header_gets_the_first_offered_type() {
        assertThat(ContentNegotiation.choose(null, OFFER)).contains("text/html");
        assertThat(ContentNegotiation.choose("", OFFER)).contains("text/html");
    }

    @Test
    void exact_type_is_chosen() {
        assertThat(ContentNegotiation.choose("text/turtle", OFFER)).contains("text/turtle");
        assertThat(ContentNegotiation.choose("application/ld+json", OFFER)).contains("application/ld+json");
    }

    @Test
    void higher_q_value_wins_over_order() {
        assertThat(ContentNegotiation.choose("text/html;q=0.5, text/turtle;q=0.9", OFFER)).contains("text/turtle");
        assertThat(ContentNegotiation.choose("application/rdf+xml;q=0.1, application/n-triples", OFFER))
                .contains("application/n-triples");
    }

    @Test
    void star_star_accepts_the_server_preference() {
        assertThat(ContentNegotiation.choose("*/*", OFFER)).contains("text/html");
        assertThat(ContentNegotiation.choose("text/turtle;q=0.8, */*;q=0.1", OFFER)).contains("text/turtle");
    }

    @Test
    void browser_accept_header_gets_html() {
        String firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
        assertThat(ContentNegotiation.choose(firefox, OFFER)).contains("text/html");
    }

    @Test
    void type_wildcard_matches_its_subtypes() {
        assertThat(ContentNegotiation.choose("application/*", OFFER)).contains("application/n-triples");
    }

    @Test
    void more_specific_range_decides_the_quality() {
        assertThat(ContentNegotiation.choose("text/*;q=0.9, text/html;q=0", OFFER)).contains("text/turtle");
    }

    @Test
    void q_zero_means_not_acceptable() {
        assertThat(ContentNegotiation.choose("text/turtle;q=0", OFFER)).isEmpty();
    }

    @Test
    void unknown_type_is_not_acceptable() {
        assertThat(ContentNegotiation.choose("image/png", OFFER)).isEmpty();
        assertThat(ContentNegotiation.choose("application/pdf, image/*", OFFER)).isEmpty();
    }

    @Test
    void malformed_parts_are_ignored() {
        assertThat(ContentNegotiation.choose("garbage, text/turtle;q=abc, application/ld+json", OFFER))
                .contains("application/ld+json");
    }

    @Test
    void accept_language_prefers_english_only_when_asked() {
        assertThat(PageLanguage.fromAcceptLanguage("en-US,en;q=0.9")).isEqualTo("en");
        assertThat(PageLanguage.fromAcceptLanguage("es-MX,es;q=0.9,en;q=0.8")).isEqualTo("es");
        assertThat(PageLanguage.fromAcceptLanguage("fr")).isEqualTo("es");
        assertThat(PageLanguage.fromAcceptLanguage(null)).isEqualTo("es");
    }
}
