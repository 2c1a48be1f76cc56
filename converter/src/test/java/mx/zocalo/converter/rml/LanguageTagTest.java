package mx.zocalo.converter.rml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** BCP 47 validity against the IANA Language Subtag Registry copy (RFC 5646 section 2.2.9), not only the syntax. */
class LanguageTagTest {

    @Test
    void given_registered_tags_when_checked_then_valid() {
        for (String tag : new String[] {"en", "es", "es-MX", "es-419", "zh-Hant-TW", "ES-mx", "de-1996", "ca-valencia", "nah",
                "zh-yue", "qaa", "x-private", "es-x-mx", "en-GB-oed", "i-klingon", "sgn-BE-FR", "en-US-u-ca-gregory", "es-ZZ"}) {
            assertThat(LanguageTag.problem(tag)).as(tag).isNull();
        }
    }

    @Test
    void given_an_english_word_for_a_language_when_checked_then_unknown_primary_subtag_with_the_code_to_write() {
        assertThat(LanguageTag.problem("english")).isEqualTo("\"english\" is not a registered primary language subtag; "
                + "for English write \"en\" (IANA Language Subtag Registry)");
        assertThat(LanguageTag.problem("Spanish")).isEqualTo("\"Spanish\" is not a registered primary language subtag; "
                + "for Spanish write \"es\" (IANA Language Subtag Registry)");
    }

    @Test
    void given_a_three_letter_code_of_a_two_letter_language_when_checked_then_it_names_the_two_letter_code() {
        assertThat(LanguageTag.problem("spa-MX")).isEqualTo("\"spa\" is not a registered primary language subtag; "
                + "BCP 47 writes Spanish with its two-letter code \"es\" (IANA Language Subtag Registry)");
    }

    @Test
    void given_well_formed_but_unregistered_subtags_when_checked_then_each_is_named() {
        assertThat(LanguageTag.problem("xx")).isEqualTo("\"xx\" is not a registered primary language subtag (IANA Language "
                + "Subtag Registry)");
        assertThat(LanguageTag.problem("es-AB")).startsWith("\"AB\" is not a registered region subtag");
        assertThat(LanguageTag.problem("zh-Hanx")).startsWith("\"Hanx\" is not a registered script subtag");
        assertThat(LanguageTag.problem("de-1996-1996")).isEqualTo("the variant subtag \"1996\" appears twice");
        assertThat(LanguageTag.problem("i-foo")).startsWith("\"i-foo\" is not a registered tag");
    }

    @Test
    void given_ill_formed_tags_when_checked_then_not_well_formed() {
        for (String tag : new String[] {"", "es_MX", "en-", "a", "es--MX", "toolonglanguage"}) {
            assertThat(LanguageTag.isWellFormed(tag)).as(tag).isFalse();
            assertThat(LanguageTag.problem(tag)).as(tag).contains("is not a well-formed language tag");
        }
    }
}
