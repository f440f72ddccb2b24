package io.atrium.web.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.atrium.standins.hostile.Endpoint;
import io.atrium.standins.hostile.HostileEntra;
import io.atrium.web.it.AtriumDeployment;
import io.atrium.web.it.AtriumIT;
import io.atrium.web.it.AtriumStack;
import io.atrium.web.it.ScriptedBrowser;

/**
 * The provider replaces its signing key while Atrium runs, and Atrium follows without a restart. A class of its own,
 * so a Payara of its own: Atrium may refetch the JWKS twice per 30 s, and the unknown-kid case of
 * {@link HostileEntraIT} would otherwise spend that allowance or not depending on the order the tests run in.
 */
/* Tagged so that only the failsafe execution that starts the hostile provider runs it, even under -Dit.test. */
@Tag("hostile-entra")
@AtriumIT
class KeyRotationIT extends AtriumDeployment {

    @Test
    void after_the_provider_rotates_its_signing_keys_a_new_sign_in_still_works_with_one_jwks_refetch() {
        HostileEntra provider = AtriumStack.peers().hostileEntra();
        provider.behave();
        assertGreeted(signIn());
        int fetchesBefore = provider.requestsTo(Endpoint.JWKS);

        provider.rotateKeys();

        assertGreeted(signIn());
        assertThat(provider.requestsTo(Endpoint.JWKS)).as("JWKS fetches").isEqualTo(fetchesBefore + 1);
    }

    private ScriptedBrowser.Page signIn() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        return browser.follow(browser.get(atrium()));
    }

    private static void assertGreeted(ScriptedBrowser.Page home) {
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.html().getElementById("greeting").text()).isEqualTo("Hello, " + HostileEntra.EMPLOYEE.displayName());
    }
}
