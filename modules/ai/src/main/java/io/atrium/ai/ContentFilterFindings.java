package io.atrium.ai;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What Azure's content filter found, per category, leaving out what it judged safe: {@code filtered} (blocked;
 * {@code filtered:high} and so on when Azure named the severity), {@code detected} (jailbreak, protected material:
 * flagged, not blocked), or a severity ({@code low}, {@code medium}, {@code high}) that stayed below the blocking
 * threshold.
 *
 * @param prompt     findings on the conversation sent
 * @param completion findings on the answer, including those Azure's asynchronous filter sent after the answer ended
 */
public record ContentFilterFindings(Map<String, String> prompt, Map<String, String> completion) {

    private static final ContentFilterFindings NONE = new ContentFilterFindings(Map.of(), Map.of());

    public ContentFilterFindings {
        prompt = Map.copyOf(Objects.requireNonNull(prompt, "prompt"));
        completion = Map.copyOf(Objects.requireNonNull(completion, "completion"));
    }

    public static ContentFilterFindings none() {
        return NONE;
    }

    /** Azure's names for its categories, in the words an employee reads. */
    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("hate", "hate"),
            Map.entry("sexual", "sexual content"),
            Map.entry("violence", "violence"),
            Map.entry("self_harm", "self-harm"),
            Map.entry("profanity", "profanity"),
            Map.entry("jailbreak", "an attempt to get around the assistant's rules"),
            Map.entry("indirect_attack", "instructions hidden in the text"),
            Map.entry("protected_material_text", "protected text (such as song lyrics or articles)"),
            Map.entry("protected_material_code", "code from a public repository"),
            Map.entry("custom_blocklists", "words your organisation blocks"));

    public boolean promptFiltered() {
        return prompt.values().stream().anyMatch(ContentFilterFindings::blocked);
    }

    public boolean completionFiltered() {
        return completion.values().stream().anyMatch(ContentFilterFindings::blocked);
    }

    /**
     * What the filter blocked and why, for the employee, such as "Azure's content filter blocked your message: it
     * found violence (high severity). Please rephrase your message."; empty when nothing was blocked.
     */
    public Optional<String> inWords() {
        Map<String, String> blocked = promptFiltered() ? prompt : completion;
        List<String> found = new TreeMap<>(blocked).entrySet().stream()
                .filter(finding -> blocked(finding.getValue()))
                .map(finding -> CATEGORIES.getOrDefault(finding.getKey(), finding.getKey().replace('_', ' '))
                        + (finding.getValue().startsWith("filtered:")
                        ? " (" + finding.getValue().substring("filtered:".length()) + " severity)" : ""))
                .toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String list = found.size() == 1 ? found.get(0)
                : String.join(", ", found.subList(0, found.size() - 1)) + " and " + found.get(found.size() - 1);
        return Optional.of((promptFiltered() ? "Azure's content filter blocked your message"
                : "Azure's content filter stopped the answer") + ": it found " + list
                + ". Please rephrase your message.");
    }

    private static boolean blocked(String verdict) {
        return verdict.equals("filtered") || verdict.startsWith("filtered:");
    }

    /** One line for the ledger and logs, such as {@code prompt: jailbreak=detected; completion: violence=filtered}. */
    public String summary() {
        if (prompt.isEmpty() && completion.isEmpty()) {
            return "";
        }
        return "prompt: " + line(prompt) + "; completion: " + line(completion);
    }

    private static String line(Map<String, String> findings) {
        return findings.isEmpty() ? "-" : new TreeMap<>(findings).entrySet().stream()
                .map(finding -> finding.getKey() + "=" + finding.getValue()).collect(Collectors.joining(", "));
    }
}
