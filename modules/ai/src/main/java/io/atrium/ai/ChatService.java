package io.atrium.ai;

import java.util.List;

/**
 * Answers a conversation with Azure OpenAI under Atrium's system prompt, whole or streamed, for a caller given
 * explicitly (the Faces page's signed-in employee, or the REST gateway's bearer-token caller). Before each call the
 * caller's daily token quota ({@link QuotaRules}) is checked and the call's row reserved in the usage ledger, in one
 * step; after it, the row takes the call's outcome, in a transaction of its own. A quota can be overrun by the one
 * call that crosses it: how long an answer will be is known only afterwards.
 *
 * <p>Never call it inside a database transaction: it makes HTTP calls to Azure OpenAI (and Entra for tokens).
 */
public interface ChatService {

    /** The deployments a request may name, the default first. */
    List<String> deployments();

    /**
     * The request with its oldest turns left out so that, under Atrium's system prompt, it fits the deployment's
     * context budget ({@code ATRIUM_AI_CONTEXT_BUDGETS}); the employee's newest message is always kept. For the chat
     * page's stored conversations: the API sends what its caller sent, and Azure refuses what is too long.
     *
     * @throws IllegalArgumentException when the request names a deployment not in {@link #deployments()}
     */
    FittedRequest fitToContext(ChatRequest request);

    /** The caller's tokens today against their daily quota. */
    QuotaStatus quotaOf(AiCaller caller);

    /**
     * The assistant's whole answer.
     *
     * @throws IllegalArgumentException when the request names a deployment not in {@link #deployments()}
     * @throws AiUnavailableException   when Azure OpenAI cannot answer, or the caller's quota is used up; its
     *                                  {@code userMessage()} says why in words for the employee
     */
    ChatReply reply(AiCaller caller, ChatRequest request);

    /**
     * The assistant's answer, streamed to {@code listener} as Azure sends it; the returned handle stops it. The
     * listener hears of the end after the call is in the ledger.
     *
     * @throws IllegalArgumentException when the request names a deployment not in {@link #deployments()}
     * @throws AiUnavailableException   ({@code QUOTA_EXHAUSTED}) at once, before anything is sent, when the caller's
     *                                  quota is used up
     */
    ChatStream stream(AiCaller caller, ChatRequest request, ChatStreamListener listener);
}
