package io.atrium.ai;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What Azure's content filter found, per category, leaving out what it judged safe: {@code filtered} (blocked),
 * {@code detected} (jailbreak, protected material: flagged, not blocked), or a severity ({@code low},
 * {@code medium}, {@code high}) that stayed below the blocking threshold.
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

    public boolean promptFiltered() {
        return prompt.containsValue("filtered");
    }

    public boolean completionFiltered() {
        return completion.containsValue("filtered");
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
