package io.atrium.standins.hostile;

/** What the authorization endpoint bound to one authorization code, for the token endpoint to check on redemption. */
record IssuedCode(String clientId, String redirectUri, String scope, String nonce, String codeChallenge) {
}
