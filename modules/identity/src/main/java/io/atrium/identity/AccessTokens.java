package io.atrium.identity;

/**
 * Access tokens for the APIs Atrium calls: as the application itself, or on behalf of the employee it serves (the
 * on-behalf-of flow). Tokens are cached until shortly before they expire ({@code ATRIUM_TOKEN_CACHE_REFRESH_MARGIN_SECONDS});
 * callers asking at the same time for the same token wait for one request to Entra. Each request to Entra is logged
 * in one line; tokens never are.
 *
 * <p>A token request is an HTTP call to Entra: never make it inside a database transaction.
 */
public interface AccessTokens {

    /**
     * A token for Atrium itself (client credentials, or a managed identity): application permissions, no user.
     *
     * @param scope the API's {@code .default} scope, such as {@code https://cognitiveservices.azure.com/.default}
     * @throws IllegalArgumentException    when the scope is not a {@code .default} scope, which Entra requires here
     * @throws AccessTokenUnavailableException when Entra gives none
     */
    default String forApp(String scope) {
        return forApp(scope, null);
    }

    /**
     * As {@link #forApp(String)}, for an API that refused the cached token with a claims challenge
     * ({@link ClaimsChallenge#claimsOf}): a new token is asked for with those claims, whatever is cached.
     *
     * @param claimsChallenge the challenge's claims JSON; null asks as {@link #forApp(String)} does
     */
    String forApp(String scope, String claimsChallenge);

    /**
     * A token on behalf of the employee whose access token Atrium holds (OAuth's on-behalf-of flow), carrying their
     * identity and the delegated permissions they and the tenant granted.
     *
     * <p>Cached per employee, scopes and access token: only a caller holding this very access token is given what
     * was obtained with it, so no one is ever handed another employee's token; a new sign-in asks Entra again.
     *
     * @param scopes one or more scopes of one API, space-separated, such as {@code api://reports/Reports.Read}
     * @throws IllegalArgumentException    when the access token is not a JWT of the tenant and employee it is said to be
     * @throws AccessTokenUnavailableException when Entra gives none; see its {@code interactionRequired()}
     */
    default String onBehalfOf(EmployeeToken employee, String scopes) {
        return onBehalfOf(employee, scopes, null);
    }

    /**
     * As {@link #onBehalfOf(EmployeeToken, String)}, for an API that refused the cached token with a claims challenge
     * ({@link ClaimsChallenge#claimsOf}): the exchange is made again with those claims, whatever is cached. When
     * Entra then wants the employee to sign in again, the refusal carries the claims for that sign-in.
     *
     * @param claimsChallenge the challenge's claims JSON; null asks as {@link #onBehalfOf(EmployeeToken, String)} does
     */
    String onBehalfOf(EmployeeToken employee, String scopes, String claimsChallenge);
}
