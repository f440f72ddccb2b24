package io.atrium.web.cluster;

import io.atrium.identity.events.EntraSignedOut;

/** {@link EntraSignedOut} as the data grid carries it: issuer, Entra session id and subject on three lines. */
final class SignOutMessage {

    private SignOutMessage() {
    }

    static String write(EntraSignedOut signOut) {
        return text(signOut.issuer()) + "\n" + text(signOut.entraSessionId()) + "\n" + text(signOut.subject());
    }

    static EntraSignedOut read(String message) {
        String[] lines = message.split("\n", -1);
        if (lines.length != 3) {
            throw new IllegalArgumentException("not a sign-out: " + lines.length + " line(s)");
        }
        return new EntraSignedOut(value(lines[0]), value(lines[1]), value(lines[2]));
    }

    private static String text(String value) {
        if (value != null && value.contains("\n")) {
            throw new IllegalArgumentException("an id with a line break");
        }
        return value == null ? "" : value;
    }

    private static String value(String line) {
        return line.isEmpty() ? null : line;
    }
}
