package io.atrium.web.ui.chat;

/** What the chat page says under an answer when the oldest turns of a long conversation were not sent with it. */
final class LeftOutNote {

    private LeftOutNote() {
    }

    /** Empty when the whole conversation was sent. */
    static String of(int leftOut) {
        if (leftOut == 0) {
            return "";
        }
        return "This answer did not see the " + (leftOut == 1 ? "oldest message" : leftOut + " oldest messages")
                + " of the conversation: with them it is longer than the model is given at once. Start a new "
                + "conversation to begin afresh.";
    }
}
