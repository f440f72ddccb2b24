package io.atrium.web.ui.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The usage ledger's findings ({@code prompt: violence=filtered:high; completion: -}) as an auditor reads them:
 * {@code message: violence blocked (high)}.
 */
final class FindingWords {

    private FindingWords() {
    }

    static String of(String findings) {
        List<String> parts = new ArrayList<>();
        for (String side : findings.split(";")) {
            String[] nameAndFindings = side.strip().split(":", 2);
            if (nameAndFindings.length < 2 || nameAndFindings[1].isBlank() || nameAndFindings[1].strip().equals("-")) {
                continue;
            }
            String where = nameAndFindings[0].strip().equals("prompt") ? "message" : "answer";
            List<String> found = new ArrayList<>();
            for (String finding : nameAndFindings[1].split(",")) {
                found.add(verdict(finding.strip()));
            }
            parts.add(where + ": " + String.join(", ", found));
        }
        return String.join("; ", parts);
    }

    private static String verdict(String finding) {
        String[] categoryAndVerdict = finding.split("=", 2);
        String category = categoryAndVerdict[0].replace('_', ' ');
        String verdict = categoryAndVerdict.length < 2 ? "" : categoryAndVerdict[1];
        if (verdict.startsWith("filtered")) {
            return category + " blocked" + (verdict.startsWith("filtered:")
                    ? " (" + verdict.substring("filtered:".length()) + ")" : "");
        }
        return verdict.equals("detected") ? category + " detected" : category + " " + verdict + ", not blocked";
    }
}
