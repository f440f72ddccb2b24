package io.atrium.ai;

/** One employee's (or application's) use of the assistant over a period; ({@code tenantId}, {@code objectId}) is Entra's. */
public record UserUsage(String tenantId, String objectId, long calls, long promptTokens, long completionTokens) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
