package io.atrium.ai;

import java.time.LocalDate;

/**
 * How many calls of one UTC day ended one way, as the usage ledger names it: {@code answered}, {@code cancelled},
 * {@code quota_exhausted} (refused by Atrium before Azure was asked), {@code content_filtered}, {@code rate_limited},
 * {@code unauthorized}, {@code timeout}, {@code upstream_error} and the like.
 */
public record OutcomeDay(LocalDate day, String outcome, long calls) {
}
