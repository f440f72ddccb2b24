package io.atrium.standins.graph;

import java.util.Optional;

/**
 * One request as the Graph stand-in received it, for tests to assert on what a client asked. The bearer token is not
 * kept.
 *
 * @param query  the decoded query string, empty when there is none
 * @param userId the object id of the user whose token was accepted; empty when the token was refused
 * @param status the HTTP status answered
 */
public record GraphRequest(String method, String path, String query, Optional<String> userId, int status) {
}
