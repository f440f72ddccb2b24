package io.atrium.web.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigurationCheckTest {

    @Test
    void azure_openai_on_behalf_of_employees_with_a_managed_identity_is_named_as_a_contradiction() {
        assertThat(ConfigurationCheck.onBehalfOfContradiction(true, false, "managed-identity")).hasValueSatisfying(
                problem -> assertThat(problem).startsWith("ATRIUM_AI_CREDENTIAL").contains("managed-identity")
                        .contains("client-secret, client-certificate or workload-identity"));
        assertThat(ConfigurationCheck.onBehalfOfContradiction(true, true, "workload-identity")).isEmpty();
        assertThat(ConfigurationCheck.onBehalfOfContradiction(false, false, "managed-identity")).isEmpty();
    }
}
