package io.atrium.ai;

import java.time.LocalDate;

/** One deployment's use on one UTC day: calls (answered or not) and the tokens Azure counted. */
public record DeploymentDay(LocalDate day, String deployment, long calls, long tokens) {
}
