package io.atrium.standins.entra;

import com.nimbusds.jose.jwk.JWK;

import no.nav.security.mock.oauth2.token.KeyProvider;

/**
 * One signing key for the tenant. The mock keeps a key per issuer id, and the token endpoint azure-identity calls,
 * {@code {tenant}/oauth2/v2.0/token}, belongs to another issuer id than sign-in's {@code {tenant}/v2.0}. Entra signs
 * both kinds of token with the tenant's keys, so here the token endpoint's issuer id borrows the sign-in issuer's key
 * and the sign-in issuer's JWKS verifies every token of the tenant.
 */
final class TenantSigningKey extends KeyProvider {

    private final String borrowingIssuerId;
    private final String owningIssuerId;

    TenantSigningKey(String borrowingIssuerId, String owningIssuerId) {
        this.borrowingIssuerId = borrowingIssuerId;
        this.owningIssuerId = owningIssuerId;
    }

    @Override
    public JWK signingKey(String issuerId) {
        return super.signingKey(borrowingIssuerId.equals(issuerId) ? owningIssuerId : issuerId);
    }
}
