package io.atrium.standins.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.atrium.standins.entra.DemoAccount;

/** Writes the ID token for one redeemed code: with Entra's v2 claims for the employee, well or badly as told. */
final class IdTokenWriter {

    static final Duration LIFETIME = Duration.ofHours(1);
    /** Far beyond the few minutes of clock skew any relying party allows. */
    private static final Duration FAR = Duration.ofHours(1);

    private final String issuer;
    private final String tenantId;
    private final String foreignIssuer;
    private final String foreignClientId;
    private final String clientSecret;
    private final DemoAccount employee;
    private final SigningKeys keys;

    IdTokenWriter(String issuer, String tenantId, String foreignIssuer, String foreignClientId, String clientSecret,
                  DemoAccount employee, SigningKeys keys) {
        this.issuer = issuer;
        this.tenantId = tenantId;
        this.foreignIssuer = foreignIssuer;
        this.foreignClientId = foreignClientId;
        this.clientSecret = clientSecret;
        this.employee = employee;
        this.keys = keys;
    }

    /** The ID token for {@code code}; {@code misbehaviour} is null when the provider behaves. */
    String write(IssuedCode code, Misbehaviour misbehaviour, Instant now) {
        JWTClaimsSet claims = claims(code, misbehaviour, now);
        RSAKey current = keys.current();
        if (misbehaviour == Misbehaviour.ALG_NONE) {
            return new PlainJWT(claims).serialize();
        }
        if (misbehaviour == Misbehaviour.HS256_WITH_CLIENT_SECRET) {
            return hmacSigned(claims, current.getKeyID());
        }
        if (misbehaviour == Misbehaviour.SIGNED_WITH_UNKNOWN_KEY) {
            return rsaSigned(claims, current.getKeyID(), keys.stranger());
        }
        if (misbehaviour == Misbehaviour.UNKNOWN_KID) {
            return rsaSigned(claims, keys.stranger().getKeyID(), keys.stranger());
        }
        return rsaSigned(claims, current.getKeyID(), current);
    }

    private JWTClaimsSet claims(IssuedCode code, Misbehaviour misbehaviour, Instant now) {
        Instant issuedAt = now;
        if (misbehaviour == Misbehaviour.EXPIRED) {
            issuedAt = now.minus(LIFETIME).minus(FAR);
        } else if (misbehaviour == Misbehaviour.ISSUED_IN_THE_FUTURE) {
            issuedAt = now.plus(FAR);
        }
        // Only the issue time moves into the future; nbf stays now so that no other check fails first.
        Instant notBefore = misbehaviour == Misbehaviour.ISSUED_IN_THE_FUTURE ? now : issuedAt;
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(misbehaviour == Misbehaviour.WRONG_ISSUER ? foreignIssuer : issuer)
                .audience(misbehaviour == Misbehaviour.WRONG_AUDIENCE ? foreignClientId : code.clientId())
                .subject(employee.subject())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(notBefore))
                .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
                .claim("azp", code.clientId())
                .claim("tid", tenantId)
                .claim("oid", employee.oid())
                .claim("preferred_username", employee.upn())
                .claim("name", employee.displayName())
                .claim("email", employee.upn())
                .claim("roles", employee.roles())
                .claim("ver", "2.0")
                .claim("uti", UUID.randomUUID().toString());
        if (code.nonce() != null && misbehaviour != Misbehaviour.NONCE_MISSING) {
            claims.claim("nonce", misbehaviour == Misbehaviour.NONCE_DIFFERENT ? UUID.randomUUID().toString() : code.nonce());
        }
        return claims.build();
    }

    private static String rsaSigned(JWTClaimsSet claims, String keyId, RSAKey signingKey) {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(keyId).build(), claims);
        try {
            token.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the ID token", e);
        }
        return token.serialize();
    }

    private String hmacSigned(JWTClaimsSet claims, String keyId) {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                .keyID(keyId).build(), claims);
        try {
            token.sign(new MACSigner(clientSecret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot HMAC-sign the ID token; HS256 needs a secret of 32 bytes or more", e);
        }
        return token.serialize();
    }
}
