package io.atrium.ai;

/** How many answers of a deployment (null: answers saved before Atrium recorded it) were rated good and bad. */
public record FeedbackTotal(String deployment, long good, long bad) {
}
