package io.atrium.ai.internal.context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToIntFunction;

import io.atrium.ai.ChatTurn;

/**
 * Fits a conversation to a budget of prompt tokens: the system prompt always, then the newest turns that fit, back
 * from the employee's message (which is sent even when it alone is over the budget: Azure then says whether the model
 * takes it). Older turns are left out whole, never cut in the middle.
 */
public final class ContextFit {

    /** The turns to send (system prompt first, then oldest kept to newest) and how many older ones were left out. */
    public record Fitted(List<ChatTurn> turns, int leftOut) {
    }

    private ContextFit() {
    }

    public static Fitted fit(List<ChatTurn> conversation, int budget, ToIntFunction<ChatTurn> tokens) {
        List<ChatTurn> system = conversation.stream().filter(turn -> turn.role() == ChatTurn.Role.SYSTEM).toList();
        List<ChatTurn> turns = conversation.stream().filter(turn -> turn.role() != ChatTurn.Role.SYSTEM).toList();
        int used = system.stream().mapToInt(tokens).sum();
        List<ChatTurn> kept = new ArrayList<>();
        for (int i = turns.size() - 1; i >= 0; i--) {
            int cost = tokens.applyAsInt(turns.get(i));
            if (!kept.isEmpty() && used + cost > budget) {
                break;
            }
            kept.add(turns.get(i));
            used += cost;
        }
        Collections.reverse(kept);
        List<ChatTurn> sent = new ArrayList<>(system);
        sent.addAll(kept);
        return new Fitted(List.copyOf(sent), turns.size() - kept.size());
    }
}
