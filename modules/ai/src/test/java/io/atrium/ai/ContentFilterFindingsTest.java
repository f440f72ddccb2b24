package io.atrium.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What an employee is told when Azure's content filter blocks their message or the answer. */
class ContentFilterFindingsTest {

    @Test
    void a_blocked_message_names_each_blocked_category_and_its_severity_in_words() {
        ContentFilterFindings findings = new ContentFilterFindings(Map.of("violence", "filtered:high",
                "self_harm", "filtered:medium", "hate", "low", "jailbreak", "filtered"), Map.of());

        assertThat(findings.inWords()).hasValue("Azure's content filter blocked your message: it found an attempt "
                + "to get around the assistant's rules, self-harm (medium severity) and violence (high severity). "
                + "Please rephrase your message.");
    }

    @Test
    void a_stopped_answer_says_so_and_a_category_without_words_is_still_named() {
        ContentFilterFindings findings = new ContentFilterFindings(Map.of("hate", "medium"),
                Map.of("sexual", "filtered:low", "new_category", "filtered"));

        assertThat(findings.promptFiltered()).isFalse();
        assertThat(findings.completionFiltered()).isTrue();
        assertThat(findings.inWords()).hasValue("Azure's content filter stopped the answer: it found new category "
                + "and sexual content (low severity). Please rephrase your message.");
    }

    @Test
    void findings_below_the_threshold_or_only_detected_say_nothing() {
        assertThat(new ContentFilterFindings(Map.of("hate", "high", "jailbreak", "detected"), Map.of("violence",
                "medium")).inWords()).isEmpty();
        assertThat(ContentFilterFindings.none().inWords()).isEmpty();
    }
}
