package io.atrium.standins.entra;

import java.util.Set;

import com.nimbusds.jose.jwk.JWK;

import no.nav.security.mock.oauth2.token.KeyProvider;

/**
 * One signing key for the whole stand-in. The mock keeps a key per issuer id, and the token endpoint azure-identity
 * calls, {@code {tenant}/oauth2/v2.0/token}, belongs to another issuer id than sign-in's {@code {tenant}/v2.0}, as does
 * the multi-tenant {@code organizations/v2.0}. Entra signs every kind of token, in every tenant, with the same keys, so
 * here those issuer ids borrow the sign-in issuer's key and the sign-in issuer's JWKS verifies every token.
 */
final class TenantSigningKey extends KeyProvider {

    private final Set<String> borrowingIssuerIds;
    private final String owningIssuerId;

    TenantSigningKey(Set<String> borrowingIssuerIds, String owningIssuerId) {
        this.borrowingIssuerIds = Set.copyOf(borrowingIssuerIds);
        this.owningIssuerId = owningIssuerId;
    }

    @Override
    public JWK signingKey(String issuerId) {
        return super.signingKey(borrowingIssuerIds.contains(issuerId) ? owningIssuerId : issuerId);
    }
}
