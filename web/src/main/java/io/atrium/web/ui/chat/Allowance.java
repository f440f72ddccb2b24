package io.atrium.web.ui.chat;

import java.text.NumberFormat;
import java.util.Locale;

import io.atrium.ai.QuotaStatus;

/** What is left of the employee's daily allowance, in the words the chat page shows under the message box. */
final class Allowance {

    private Allowance() {
    }

    static String describe(QuotaStatus quota) {
        if (quota.dailyQuota() == 0) {
            return "Your roles in Atrium give you no allowance for the assistant.";
        }
        NumberFormat tokens = NumberFormat.getIntegerInstance(Locale.UK);
        return tokens.format(quota.remaining()) + " of " + tokens.format(quota.dailyQuota())
                + " tokens left today; renewed at midnight (UTC).";
    }
}
