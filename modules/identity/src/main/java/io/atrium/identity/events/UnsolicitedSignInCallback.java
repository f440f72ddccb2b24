package io.atrium.identity.events;

/**
 * A return to the sign-in callback that no sign-in of that browser was waiting for (forged, replayed or expired). For
 * metrics: a flood of them is someone trying the callback. Fired synchronously, so observers keep it cheap; it names
 * nobody, since nobody is known.
 */
public record UnsolicitedSignInCallback() {

    /** The same event every time: nothing is allocated per callback. */
    public static final UnsolicitedSignInCallback INSTANCE = new UnsolicitedSignInCallback();
}
