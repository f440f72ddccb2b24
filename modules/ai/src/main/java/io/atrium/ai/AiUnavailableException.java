package io.atrium.ai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import io.atrium.errors.AtriumException;
import io.atrium.errors.Problem;
import io.atrium.identity.AccessTokenUnavailableException;

/**
 * The assistant could not answer. {@link #userMessage()} is for the employee who asked; {@link #getMessage()} is for
 * the operator (HTTP status, Azure's error code and message) and never holds a credential or what the employee wrote.
 */
public class AiUnavailableException extends AtriumException {

    private static final long serialVersionUID = 1L;

    /** Why, in the terms that decide what the employee and the operator can do about it. */
    public enum Kind {
        /** Azure refused Atrium's credential (401) or its permissions (403): an administrator must act. */
        UNAUTHORIZED("Atrium's access to Azure OpenAI was refused. An administrator needs to check Atrium's Azure "
                + "OpenAI credentials."),
        /** Azure's quota is used up for now (429); trying again later helps. */
        RATE_LIMITED("The assistant is busy right now. Please try again in a minute."),
        /** The configured endpoint or deployment does not exist (404): an administrator must act. */
        DEPLOYMENT_NOT_FOUND("The AI model Atrium is set up to use could not be found. An administrator needs to "
                + "check Atrium's Azure OpenAI settings."),
        /** Azure's content filter blocked the question or the answer. */
        CONTENT_FILTERED("Azure's content filter blocked this message or its answer. Please rephrase your message."),
        /** Azure rejected the request as malformed or too large (other 4xx). */
        BAD_REQUEST("The assistant could not handle this request. Please shorten or rephrase your message; if that "
                + "does not help, tell an administrator."),
        /** Azure failed (5xx), answered nonsense, or could not be reached. */
        UPSTREAM_ERROR("The assistant is not available right now. Please try again in a few minutes."),
        /** Azure did not answer in time. */
        TIMEOUT("The assistant took too long to answer. Please try again."),
        /**
         * Entra wants the employee to sign in again before a token on their behalf is issued (a claims challenge,
         * multi-factor authentication, a revoked session): a page sends the browser to sign in, an API answers 401.
         */
        SIGN_IN_REQUIRED("Microsoft Entra ID asks you to sign in again before the assistant can answer. Please sign "
                + "in again and resend your message."),
        /** The employee has used up today's token allowance (ATRIUM_AI_DAILY_TOKEN_QUOTAS); nothing was sent. */
        QUOTA_EXHAUSTED("You have used up today's allowance for the assistant. It is renewed at midnight (UTC).");

        private final String userMessage;

        Kind(String userMessage) {
            this.userMessage = userMessage;
        }
    }

    private final Kind kind;
    private final Integer upstreamStatus;
    private final Long retryAfterSeconds;
    private final String userMessage;
    private final ContentFilterFindings filters;

    private AiUnavailableException(Kind kind, String operatorDetail, Integer upstreamStatus, Long retryAfterSeconds,
                                   Throwable cause) {
        this(kind, operatorDetail, upstreamStatus, retryAfterSeconds, cause, null, ContentFilterFindings.none());
    }

    private AiUnavailableException(Kind kind, String operatorDetail, Integer upstreamStatus, Long retryAfterSeconds,
                                   Throwable cause, String userMessage, ContentFilterFindings filters) {
        super(kind + ": " + operatorDetail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.upstreamStatus = upstreamStatus;
        this.retryAfterSeconds = retryAfterSeconds;
        this.userMessage = userMessage;
        this.filters = filters;
    }

    /**
     * Azure's content filter blocked the conversation (status 400) or the answer (status 200, also after part of it
     * was streamed).
     */
    public static AiUnavailableException contentFiltered(int status, String operatorDetail,
                                                         ContentFilterFindings findings) {
        Objects.requireNonNull(findings, "findings");
        return new AiUnavailableException(Kind.CONTENT_FILTERED, operatorDetail, status, null, null,
                findings.inWords().orElse(null), findings);
    }

    /**
     * The caller's daily token quota is used up, or their roles give them none; Azure was not called. A quota that
     * is used up is renewed at the next UTC midnight, {@code secondsUntilRenewal} away (the API's Retry-After); one
     * of zero is not renewed, and there is nothing to wait for.
     */
    public static AiUnavailableException quotaExhausted(long usedToday, long dailyQuota, long secondsUntilRenewal) {
        String userMessage = dailyQuota == 0
                ? "Your roles in Atrium give you no allowance for the assistant. Please ask an administrator."
                : "You have used up today's allowance for the assistant (" + usedToday + " of " + dailyQuota
                        + " tokens). It is renewed at midnight (UTC).";
        return new AiUnavailableException(Kind.QUOTA_EXHAUSTED, "daily token quota used up: " + usedToday + " of "
                + dailyQuota, null, dailyQuota == 0 ? null : secondsUntilRenewal, null, userMessage,
                ContentFilterFindings.none());
    }

    /** Azure answered with an error status. */
    public static AiUnavailableException answered(Kind kind, int status, String operatorDetail) {
        return new AiUnavailableException(kind, operatorDetail, status, null, null);
    }

    /** Azure answered 429; {@code retryAfterSeconds} is what it asked for, when it did. */
    public static AiUnavailableException rateLimited(OptionalLong retryAfterSeconds, String operatorDetail) {
        Long seconds = retryAfterSeconds.isPresent() ? retryAfterSeconds.getAsLong() : null;
        return new AiUnavailableException(Kind.RATE_LIMITED, operatorDetail, 429, seconds, null);
    }

    /** Azure answered 200 but the answer cannot be shown (filtered, or not an answer at all). */
    public static AiUnavailableException unusableAnswer(Kind kind, String operatorDetail) {
        return new AiUnavailableException(kind, operatorDetail, 200, null, null);
    }

    /** No answer came: a timeout, a refused connection, an unknown host. */
    public static AiUnavailableException noAnswer(Kind kind, String operatorDetail, Throwable cause) {
        return new AiUnavailableException(kind, operatorDetail, null, null, cause);
    }

    /**
     * For {@link Kind#SIGN_IN_REQUIRED}: Entra's refusal, whose claims challenge the next sign-in asks for
     * ({@link io.atrium.identity.SignInAgain}) and whose {@code WWW-Authenticate} an API sends its caller.
     */
    public Optional<AccessTokenUnavailableException> entraRefusal() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof AccessTokenUnavailableException refusal) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    public Kind kind() {
        return kind;
    }

    /** What the content filter found, for {@link Kind#CONTENT_FILTERED}; none for the other kinds. */
    public ContentFilterFindings filters() {
        return filters;
    }

    /** The HTTP status Azure answered with; empty when no answer came. */
    public OptionalInt upstreamStatus() {
        return upstreamStatus == null ? OptionalInt.empty() : OptionalInt.of(upstreamStatus);
    }

    /** For {@link Kind#RATE_LIMITED}: the wait Azure asked for, when it said. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }

    /** What to tell the employee, in plain words, without anything from Azure's own answer. */
    public String userMessage() {
        if (userMessage != null) {
            return userMessage;
        }
        if (kind == Kind.RATE_LIMITED && retryAfterSeconds != null) {
            return "The assistant is busy right now. Please try again in " + retryAfterSeconds
                    + (retryAfterSeconds == 1 ? " second." : " seconds.");
        }
        return kind.userMessage;
    }

    /**
     * What the caller is answered: its own doing (quota, content, size) is a 4xx, Azure's failure or refusal of
     * Atrium a 502 or 504, never a 500.
     */
    @Override
    public Problem problem() {
        return switch (kind) {
            case QUOTA_EXHAUSTED, RATE_LIMITED -> Problem.TOO_MANY_REQUESTS;
            case CONTENT_FILTERED, BAD_REQUEST -> Problem.INVALID;
            case TIMEOUT -> Problem.UPSTREAM_TIMEOUT;
            case SIGN_IN_REQUIRED -> Problem.SIGN_IN_REQUIRED;
            case UNAUTHORIZED, DEPLOYMENT_NOT_FOUND, UPSTREAM_ERROR -> Problem.UPSTREAM_FAILED;
        };
    }

    @Override
    public String publicDetail() {
        return userMessage();
    }

    /**
     * {@code Retry-After} when a wait is known; for {@link Kind#SIGN_IN_REQUIRED}, Entra's claims challenge, as
     * Microsoft documents for middle-tier APIs: the caller's MSAL signs the employee in again and calls once more.
     */
    @Override
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (kind == Kind.SIGN_IN_REQUIRED) {
            entraRefusal().flatMap(AccessTokenUnavailableException::wwwAuthenticate)
                    .ifPresent(challenge -> headers.put("WWW-Authenticate", challenge));
        }
        retryAfterSeconds().ifPresent(seconds -> headers.put("Retry-After", String.valueOf(seconds)));
        return Map.copyOf(headers);
    }
}
