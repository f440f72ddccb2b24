package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntraErrorsTest {

    @Test
    void entras_answers_become_advice_the_employee_can_act_on() {
        assertThat(EntraErrors.reasonFor("access_denied",
                "AADSTS50105: The signed in user 'erin@contoso.com' is not assigned to a role for the application"))
                .isEqualTo(SignInFailure.Reason.NOT_ASSIGNED);
        assertThat(EntraErrors.reasonFor("invalid_client",
                "AADSTS65001: The user or administrator has not consented to use the application"))
                .isEqualTo(SignInFailure.Reason.CONSENT_MISSING);
        assertThat(EntraErrors.reasonFor("access_denied", "AADSTS65004: User declined to consent to access the app."))
                .isEqualTo(SignInFailure.Reason.CANCELLED);
        assertThat(EntraErrors.reasonFor("temporarily_unavailable", "AADSTS90033: A transient error has occurred."))
                .isEqualTo(SignInFailure.Reason.ENTRA_UNREACHABLE);
        assertThat(EntraErrors.reasonFor("invalid_request", "AADSTS90014: The required field 'x' is missing"))
                .isEqualTo(SignInFailure.Reason.ENTRA_REFUSED);
    }

    @Test
    void the_aadsts_code_is_read_from_entras_description_for_the_audit_trail() {
        assertThat(EntraErrors.aadstsCode("AADSTS50105: The signed in user 'erin@contoso.com' is not assigned"))
                .isEqualTo("AADSTS50105");
        assertThat(EntraErrors.aadstsCode("User cancelled")).isNull();
        assertThat(EntraErrors.aadstsCode(null)).isNull();
    }
}
