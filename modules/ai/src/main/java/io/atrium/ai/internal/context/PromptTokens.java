package io.atrium.ai.internal.context;

import java.util.Locale;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import io.atrium.ai.ChatTurn;

/**
 * Tokens of a chat message as Azure OpenAI counts them for the GPT-4o family (o200k_base, and OpenAI's rule that
 * each message costs three tokens besides its role and text). Older models' tokenizer counts a few more for the same
 * text: a budget is a limit Atrium keeps below the model's own, not an exact one.
 */
public final class PromptTokens {

    private static final int PER_MESSAGE = 3;

    private PromptTokens() {
    }

    public static int of(ChatTurn turn) {
        return PER_MESSAGE + Tokenizer.O200K.countTokensOrdinary(turn.role().name().toLowerCase(Locale.ROOT))
                + Tokenizer.O200K.countTokensOrdinary(turn.content());
    }

    /** Loaded on first use, not at start-up: the tokenizer's tables are several megabytes. */
    private static final class Tokenizer {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }
}
