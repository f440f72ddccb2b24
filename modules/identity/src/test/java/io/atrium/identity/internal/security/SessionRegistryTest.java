package io.atrium.identity.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpSession;

import org.junit.jupiter.api.Test;

import io.atrium.identity.InMemoryHttp;

/** Which sessions a sign-out at Entra ends, in one Atrium serving two tenants (multi-tenant). */
class SessionRegistryTest {

    private static final String TENANT_A = "https://login.microsoftonline.com/tenant-a/v2.0";
    private static final String TENANT_B = "https://login.microsoftonline.com/tenant-b/v2.0";

    private final SessionRegistry registry = new SessionRegistry();

    @Test
    void a_sign_out_ends_the_sessions_of_its_entra_session_that_its_own_issuer_signed_in() {
        InMemoryHttp.Session ofTenantA = signedIn("sid-1", TENANT_A, "sub-a");
        InMemoryHttp.Session sameSidOfTenantB = signedIn("sid-1", TENANT_B, "sub-b");
        InMemoryHttp.Session otherSession = signedIn("sid-2", TENANT_A, "sub-c");

        assertThat(registry.endSignedOut(TENANT_A, "sid-1", null)).isEqualTo(1);

        assertThat(ended(ofTenantA)).isTrue();
        assertThat(ended(sameSidOfTenantB)).as("another tenant's issuer").isFalse();
        assertThat(ended(otherSession)).isFalse();
    }

    @Test
    void a_back_channel_sign_out_may_name_the_subject_alone() {
        InMemoryHttp.Session laptop = signedIn(null, TENANT_A, "sub-a");
        InMemoryHttp.Session phone = signedIn("sid-9", TENANT_A, "sub-a");
        InMemoryHttp.Session namesake = signedIn(null, TENANT_B, "sub-a");

        assertThat(registry.endSignedOut(TENANT_A, null, "sub-a")).isEqualTo(2);

        assertThat(ended(laptop)).isTrue();
        assertThat(ended(phone)).isTrue();
        assertThat(ended(namesake)).as("the same sub at another issuer is someone else").isFalse();
    }

    @Test
    void a_session_that_signed_in_on_another_instance_is_ended_once_it_has_been_seen_here() {
        SessionRegistry otherInstance = new SessionRegistry();
        InMemoryHttp.Session session = new InMemoryHttp.Session();
        otherInstance.register(session.session(), "sid-1", TENANT_A, "sub-a", "tenant-a", "oid-a");

        assertThat(registry.endSignedOut(TENANT_A, "sid-1", null)).as("not seen here yet").isZero();
        registry.adopt(session.session());

        assertThat(registry.endSignedOut(TENANT_A, "sid-1", null)).isEqualTo(1);
        assertThat(ended(session)).isTrue();
    }

    @Test
    void a_session_that_ended_on_another_thread_meanwhile_is_no_error_to_adopt_or_to_end_again() {
        InMemoryHttp.Session endedMeanwhile = signedIn("sid-1", TENANT_A, "sub-a");
        HttpSession session = endedMeanwhile.session();
        session.invalidate();

        registry.adopt(session);
        registry.endSignedOut(TENANT_A, "sid-1", null);

        assertThat(registry.endAllOf("tenant-a", "oid-sub-a")).as("still indexed: nothing told the registry")
                .isEqualTo(1);
        assertThat(EmployeeSessions.find(session)).as("read as signed out").isNull();
    }

    private InMemoryHttp.Session signedIn(String sid, String issuer, String subject) {
        InMemoryHttp.Session session = new InMemoryHttp.Session();
        registry.register(session.session(), sid, issuer, subject,
                issuer.contains("tenant-a") ? "tenant-a" : "tenant-b", "oid-" + subject);
        return session;
    }

    private static boolean ended(InMemoryHttp.Session session) {
        return session.invalidated();
    }
}
