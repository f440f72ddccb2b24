package io.atrium.ai;

/** An employee's verdict on one of the assistant's answers. */
public enum Rating {
    GOOD, BAD
}
