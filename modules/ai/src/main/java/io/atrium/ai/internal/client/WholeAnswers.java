package io.atrium.ai.internal.client;

import java.util.HashMap;
import java.util.Map;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ContentFilterFindings;

/** Azure's whole answer ({@link ChatCompletion}) as the module's {@link ChatReply}, or why it cannot be one. */
final class WholeAnswers {

    private WholeAnswers() {
    }

    /** The first choice as a reply; Atrium never asks for more than one ({@code n} is not sent). */
    static ChatReply reply(ChatCompletion completion, String deployment) {
        if (completion == null || completion.choices() == null || completion.choices().isEmpty()) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR,
                    "Azure OpenAI answered without a choice" + idOf(completion));
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        ContentFilterFindings findings = findings(completion, choice);
        if ("content_filter".equals(choice.finishReason()) || findings.completionFiltered()) {
            throw AiUnavailableException.contentFiltered(200, "Azure OpenAI's content filter stopped the answer ("
                    + findings.summary() + ")" + idOf(completion), findings);
        }
        if (choice.message() == null || choice.message().content() == null) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR, "Azure OpenAI answered without "
                    + "content, finish_reason " + choice.finishReason() + idOf(completion));
        }
        ChatCompletion.Usage usage = completion.usage();
        return new ChatReply(choice.message().content(), choice.finishReason(),
                usage == null || usage.promptTokens() == null ? 0 : usage.promptTokens(),
                usage == null || usage.completionTokens() == null ? 0 : usage.completionTokens(),
                deployment, completion.model(), findings);
    }

    private static ContentFilterFindings findings(ChatCompletion completion, ChatCompletion.Choice choice) {
        Map<String, String> prompt = new HashMap<>();
        if (completion.promptFilterResults() != null) {
            completion.promptFilterResults().stream()
                    .filter(result -> result.contentFilterResults() != null)
                    .forEach(result -> FilterFindings.addTo(prompt, result.contentFilterResults()));
        }
        Map<String, String> answer = new HashMap<>();
        if (choice.contentFilterResults() != null) {
            FilterFindings.addTo(answer, choice.contentFilterResults());
        }
        return new ContentFilterFindings(prompt, answer);
    }

    private static String idOf(ChatCompletion completion) {
        return completion == null || completion.id() == null ? "" : " (id " + completion.id() + ")";
    }
}
