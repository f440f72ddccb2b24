package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntraErrorsTest {

    /**
     * As Entra ends an error description; the ids are those of the AADSTS50079 example in Microsoft's on-behalf-of
     * documentation (../shared/fixtures/token-flows/obo-entra-docs-examples.json).
     */
    private static final String ENTRA_IDS = "\r\nTrace ID: b72a68c3-0926-4b8e-bc35-3150069c2800"
            + "\r\nCorrelation ID: 73d656cf-54b1-4eb2-b429-26d8165a52d7\r\nTimestamp: 2017-05-01 22:43:20Z";

    @ParameterizedTest(name = "{1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "access_denied          | AADSTS50105: The signed in user 'erin@contoso.com' is not assigned to a role | NOT_ASSIGNED",
            "invalid_client         | AADSTS65001: The user or administrator has not consented to use the application | CONSENT_MISSING",
            "access_denied          | AADSTS90094: The grant requires admin permission. | CONSENT_MISSING",
            "access_denied          | AADSTS65004: User declined to consent to access the app. | CANCELLED",
            "interaction_required   | AADSTS50076: Due to a configuration change made by your administrator you must use multi-factor authentication | MFA_REQUIRED",
            "interaction_required   | AADSTS50079: Due to a configuration change made by your administrator you must enroll in multi-factor authentication | MFA_REQUIRED",
            "access_denied          | AADSTS53003: Access has been blocked by Conditional Access policies. | BLOCKED_BY_POLICY",
            "login_required         | AADSTS50058: A silent sign-in request was sent but no user is signed in. | SIGN_IN_NEEDED",
            "unauthorized_client    | AADSTS700016: Application with identifier '0a1b' was not found in the directory 'Contoso'. | APP_NOT_IN_TENANT",
            "invalid_client         | AADSTS7000215: Invalid client secret provided. | ATRIUM_MISCONFIGURED",
            "invalid_client         | AADSTS7000222: The provided client secret keys for app '0a1b' are expired. | ATRIUM_MISCONFIGURED",
            "invalid_request        | AADSTS50011: The redirect URI 'https://atrium.example/auth/callback' does not match | ATRIUM_MISCONFIGURED",
            "temporarily_unavailable | AADSTS90033: A transient error has occurred. | ENTRA_UNREACHABLE",
            "invalid_request        | AADSTS90014: The required field 'x' is missing | ENTRA_REFUSED"})
    void entras_answers_become_advice_the_employee_can_act_on(String error, String description,
                                                              SignInFailure.Reason reason) {
        assertThat(EntraErrors.reasonFor(error, description + ENTRA_IDS)).isEqualTo(reason);
    }

    @Test
    void without_a_code_the_oauth_error_decides() {
        assertThat(EntraErrors.reasonFor("access_denied", null)).isEqualTo(SignInFailure.Reason.CANCELLED);
        assertThat(EntraErrors.reasonFor("consent_required", "")).isEqualTo(SignInFailure.Reason.CONSENT_MISSING);
        assertThat(EntraErrors.reasonFor("server_error", null)).isEqualTo(SignInFailure.Reason.ENTRA_UNREACHABLE);
        assertThat(EntraErrors.reasonFor("invalid_grant", null)).isEqualTo(SignInFailure.Reason.ENTRA_REFUSED);
    }

    @Test
    void the_aadsts_code_is_read_from_entras_description_for_the_audit_trail_seven_digits_included() {
        assertThat(EntraErrors.aadstsCode("AADSTS50105: The signed in user 'erin@contoso.com' is not assigned"))
                .isEqualTo("AADSTS50105");
        assertThat(EntraErrors.aadstsCode("AADSTS7000215: Invalid client secret provided.")).isEqualTo("AADSTS7000215");
        assertThat(EntraErrors.aadstsCode("AADSTS123456789: made up")).isNull();
        assertThat(EntraErrors.aadstsCode("User cancelled")).isNull();
        assertThat(EntraErrors.aadstsCode(null)).isNull();
    }

    @Test
    void a_failure_carries_entras_code_and_its_correlation_and_trace_ids_and_its_description_on_one_log_line() {
        SignInFailure failure = EntraErrors.failure("interaction_required", "AADSTS50079: you must enroll in "
                + "multi-factor authentication to access 'bf8d80f9-9098-4972-b203-500f535113b1'." + ENTRA_IDS,
                "Entra answered the sign-in");

        assertThat(failure.reason()).isEqualTo(SignInFailure.Reason.MFA_REQUIRED);
        assertThat(failure.entraErrorCode()).isEqualTo("AADSTS50079");
        assertThat(failure.entraCorrelationId()).isEqualTo("73d656cf-54b1-4eb2-b429-26d8165a52d7");
        assertThat(failure.entraTraceId()).isEqualTo("b72a68c3-0926-4b8e-bc35-3150069c2800");
        assertThat(failure.getMessage()).startsWith("Entra answered the sign-in with error 'interaction_required': "
                + "AADSTS50079").doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void only_a_guid_is_taken_as_an_entra_id() {
        // msal4j's test data abbreviates the id (../shared/fixtures/token-flows/msal4j-token-endpoint-error-fixtures.json).
        SignInFailure abbreviated = EntraErrors.failure("invalid_grant", "AADSTS65001: description\r\n"
                + "Correlation ID: 3a...5a\r\nTimestamp:2017-07-15 02:35:05Z", "token endpoint refused the code");
        SignInFailure smuggled = EntraErrors.failure("invalid_grant", "AADSTS65001: x\r\nCorrelation ID: "
                + "73d656cf-54b1-4eb2-b429-26d8165a52d7<script>alert(1)</script>", "token endpoint refused the code");

        assertThat(abbreviated.entraCorrelationId()).isNull();
        assertThat(abbreviated.entraTraceId()).isNull();
        assertThat(smuggled.entraCorrelationId()).isEqualTo("73d656cf-54b1-4eb2-b429-26d8165a52d7");
    }
}
