package io.atrium.ai.internal.client;

/** A chat message on the wire, in requests ({@code messages[]}) and answers ({@code choices[].message}). */
public record ChatMessage(String role, String content) {
}
