package io.atrium.identity.internal.oidc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atrium.identity.EmployeePrincipal;

import static org.assertj.core.api.Assertions.assertThat;

/** A session as the data grid replicates it: Java serialization, which Payara uses for session attributes. */
class SessionTokenSealTest {

    private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpZCJ9.c2lnbmF0dXJlLWlk";
    private static final String ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY2Nlc3MifQ.c2lnbmF0dXJlLWFj";
    private static final String REFRESH_TOKEN = "0.AXEA-refresh-token-of-erin";
    private static final String OLD_KEY = "2026-11:" + randomKey();
    private static final String NEW_KEY = "2026-12:" + randomKey();

    private final EmployeeSession erins = new EmployeeSession(new EmployeePrincipal("tid", "oid-erin",
            "erin@bank.example", "Erin Employee", "erin@bank.example", Set.of("employee")), ID_TOKEN, ACCESS_TOKEN,
            Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS), REFRESH_TOKEN, "sid-1",
            Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @AfterEach
    void uninstall() {
        SessionTokenSeal.install(null);
    }

    @Test
    void the_replicated_bytes_hold_no_token_and_read_back_as_the_same_session() throws Exception {
        SessionTokenSeal.install(seal(NEW_KEY));
        byte[] replicated = serialized(erins);

        String bytes = new String(replicated, StandardCharsets.ISO_8859_1);
        for (String token : new String[] {ID_TOKEN, ACCESS_TOKEN, REFRESH_TOKEN}) {
            assertThat(bytes).doesNotContain(token).doesNotContain(token.substring(0, 20))
                    .doesNotContain(Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(bytes).contains("erin@bank.example"); // the employee stays readable; only the tokens are sealed
        assertThat(deserialized(replicated)).isEqualTo(erins);
    }

    @Test
    void a_rotated_key_still_opens_sessions_sealed_with_the_old_one_and_seals_with_the_new() throws Exception {
        SessionTokenSeal.install(seal(OLD_KEY));
        byte[] beforeRotation = serialized(erins);

        SessionTokenSeal.install(seal(NEW_KEY + "," + OLD_KEY));
        EmployeeSession read = (EmployeeSession) deserialized(beforeRotation);
        assertThat(read).isEqualTo(erins);
        assertThat(new String(serialized(read), StandardCharsets.ISO_8859_1)).contains("2026-12")
                .doesNotContain("2026-11");
    }

    @Test
    void a_session_whose_key_was_dropped_reads_back_as_no_session() throws Exception {
        SessionTokenSeal.install(seal(OLD_KEY));
        byte[] sealedWithOld = serialized(erins);

        SessionTokenSeal.install(seal(NEW_KEY));
        assertThat(deserialized(sealedWithOld)).isNull();
    }

    @Test
    void sealed_tokens_cannot_be_changed_nor_moved_into_another_employees_session() {
        SessionTokenSeal seal = seal(NEW_KEY);
        String erinsContext = "tid/oid-erin@" + erins.signedInAt();
        SessionTokenSeal.Sealed erinsTokens = seal.seal(ACCESS_TOKEN, erinsContext);
        byte[] changed = erinsTokens.ciphertext().clone();
        changed[0] ^= 1;

        assertThat(seal.open(erinsTokens, erinsContext)).contains(ACCESS_TOKEN);
        assertThat(seal.open(new SessionTokenSeal.Sealed(erinsTokens.keyId(), erinsTokens.nonce(), changed),
                erinsContext)).isEmpty();
        assertThat(seal.open(erinsTokens, "tid/oid-mallory@" + erins.signedInAt())).isEmpty();
    }

    @Test
    void wrong_keys_are_named_at_start_up() {
        assertThat(new SessionTokenSeal(Optional.of("k1:" + randomKey())).problems()).isEmpty();
        assertThat(new SessionTokenSeal(Optional.of("no-colon")).problems()).singleElement().asString()
                .startsWith("ATRIUM_SESSION_TOKEN_KEYS").contains("id:base64");
        assertThat(new SessionTokenSeal(Optional.of("k1:c2hvcnQ=")).problems()).singleElement().asString()
                .contains("'k1'").contains("5 bytes").contains("32");
        assertThat(new SessionTokenSeal(Optional.of("k1:%%%")).problems()).singleElement().asString()
                .contains("not base64");
        String key = randomKey();
        assertThat(new SessionTokenSeal(Optional.of("k1:" + key + ",k1:" + key)).problems()).singleElement()
                .asString().contains("used twice");
        assertThat(new SessionTokenSeal(Optional.empty()).problems()).isEmpty();
    }

    private static SessionTokenSeal seal(String keys) {
        SessionTokenSeal seal = new SessionTokenSeal(Optional.of(keys));
        assertThat(seal.problems()).isEmpty();
        return seal;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static byte[] serialized(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static Object deserialized(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
