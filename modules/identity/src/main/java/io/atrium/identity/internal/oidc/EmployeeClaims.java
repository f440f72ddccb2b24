package io.atrium.identity.internal.oidc;

import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;

import io.atrium.identity.EmployeePrincipal;

/** Reads an employee out of the claims of a validated Entra v2 ID token. */
public final class EmployeeClaims {

    private EmployeeClaims() {
    }

    /** The employee named by the claims, with the roles worked out from them (app roles, groups). */
    public static EmployeePrincipal toPrincipal(JWTClaimsSet claims, Set<String> roles) throws SignInFailure {
        String tenantId = required(claims, "tid");
        String objectId = required(claims, "oid");
        String username = firstPresent(claims, "preferred_username", "upn", "email");
        if (username == null) {
            username = objectId;
        }
        String displayName = firstPresent(claims, "name");
        String email = firstPresent(claims, "email");
        return new EmployeePrincipal(tenantId, objectId, username, displayName == null ? username : displayName,
                email, roles);
    }

    private static String required(JWTClaimsSet claims, String name) throws SignInFailure {
        String value = firstPresent(claims, name);
        if (value == null) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "ID token has no '" + name
                    + "' claim; the app registration must issue v2 tokens with the profile scope");
        }
        return value;
    }

    private static String firstPresent(JWTClaimsSet claims, String... names) throws SignInFailure {
        for (String name : names) {
            try {
                String value = claims.getStringClaim(name);
                if (value != null && !value.isBlank()) {
                    return value;
                }
            } catch (ParseException e) {
                throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "ID token claim '" + name + "' is not a string");
            }
        }
        return null;
    }
}
