package io.atrium.ai.internal.client;

import java.io.InterruptedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ContentFilterFindings;

/**
 * Turns Azure's failures into {@link AiUnavailableException}: the one place that knows Azure's statuses, error codes
 * and retry headers. The operator detail carries status, code and Azure's message (shortened); never the key, which
 * Azure does not echo, nor the conversation.
 */
public final class AzureOpenAiErrors {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final int DETAIL_LIMIT = 300;

    private AzureOpenAiErrors() {
    }

    /**
     * @param retryAfter   the {@code Retry-After} header (seconds), or null
     * @param retryAfterMs Azure's {@code retry-after-ms} header, or null
     */
    public static AiUnavailableException fromResponse(int status, String body, String retryAfter, String retryAfterMs) {
        AzureErrorBody.Error error = parse(body);
        String detail = "Azure OpenAI answered HTTP " + status + describe(error);
        if (status == 429) {
            return AiUnavailableException.rateLimited(retryAfterSeconds(retryAfter, retryAfterMs), detail);
        }
        if (status >= 400 && status < 500 && isContentFilter(error)) {
            Map<String, String> prompt = new HashMap<>();
            if (error.innerError() != null && error.innerError().contentFilterResult() != null) {
                FilterFindings.addTo(prompt, error.innerError().contentFilterResult());
            }
            return AiUnavailableException.contentFiltered(status, detail, new ContentFilterFindings(prompt, Map.of()));
        }
        return AiUnavailableException.answered(kindOf(status, error), status, detail);
    }

    /**
     * An {@code {"error":...}} event inside a stream that had begun with 200: the model service failed or the content
     * filter intervened after the headers were sent.
     */
    public static AiUnavailableException fromStreamedError(String body, ContentFilterFindings findingsSoFar) {
        AzureErrorBody.Error error = parse(body);
        String detail = "Azure OpenAI sent an error event in the stream" + describe(error);
        if (isContentFilter(error)) {
            return AiUnavailableException.contentFiltered(200, detail, findingsSoFar);
        }
        return AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR, detail);
    }

    /** No answer came; timeouts are told apart because trying again may help, unlike a wrong host name. */
    public static AiUnavailableException fromNoAnswer(Throwable failure) {
        Throwable root = failure;
        boolean timedOut = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            timedOut |= cause instanceof InterruptedIOException || cause instanceof HttpTimeoutException;
            root = cause;
        }
        if (timedOut) {
            return AiUnavailableException.noAnswer(Kind.TIMEOUT,
                    "Azure OpenAI did not answer within the timeout: " + root, failure);
        }
        return AiUnavailableException.noAnswer(Kind.UPSTREAM_ERROR,
                "No usable answer from Azure OpenAI: " + shorten(root.toString()), failure);
    }

    /** The categories a filter result object marks as filtered, such as {@code [violence]}. */
    public static List<String> filteredCategories(JsonObject filterResults) {
        List<String> filtered = new ArrayList<>();
        if (filterResults != null) {
            for (Map.Entry<String, JsonValue> category : filterResults.entrySet()) {
                if (category.getValue() instanceof JsonObject result
                        && result.get("filtered") == JsonValue.TRUE) {
                    filtered.add(category.getKey());
                }
            }
        }
        return filtered;
    }

    private static Kind kindOf(int status, AzureErrorBody.Error error) {
        if (status == 401 || status == 403) {
            return Kind.UNAUTHORIZED;
        }
        if (status == 404) {
            return Kind.DEPLOYMENT_NOT_FOUND;
        }
        if (status == 408 || status == 504) {
            return Kind.TIMEOUT;
        }
        if (status >= 400 && status < 500) {
            return isContentFilter(error) ? Kind.CONTENT_FILTERED : Kind.BAD_REQUEST;
        }
        return Kind.UPSTREAM_ERROR;
    }

    private static boolean isContentFilter(AzureErrorBody.Error error) {
        return error != null && ("content_filter".equals(error.code())
                || error.innerError() != null && "ResponsibleAIPolicyViolation".equals(error.innerError().code()));
    }

    private static OptionalLong retryAfterSeconds(String retryAfter, String retryAfterMs) {
        try {
            if (retryAfter != null) {
                return OptionalLong.of(Long.parseLong(retryAfter.strip()));
            }
            if (retryAfterMs != null) {
                return OptionalLong.of((Long.parseLong(retryAfterMs.strip()) + 999) / 1000);
            }
        } catch (NumberFormatException e) {
            // Retry-After may also be an HTTP date, which Azure does not send; the employee then waits "a minute".
        }
        return OptionalLong.empty();
    }

    private static AzureErrorBody.Error parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            AzureErrorBody parsed = JSONB.fromJson(body, AzureErrorBody.class);
            return parsed == null ? null : parsed.error();
        } catch (JsonbException notAzureJson) {
            // A proxy or load balancer in between answers HTML or plain text; the status alone must do.
            return null;
        }
    }

    private static String describe(AzureErrorBody.Error error) {
        if (error == null) {
            return " without an Azure error body";
        }
        StringBuilder detail = new StringBuilder();
        if (error.code() != null) {
            detail.append(", code ").append(error.code());
        }
        if (error.innerError() != null) {
            detail.append(", inner code ").append(error.innerError().code());
            List<String> filtered = filteredCategories(error.innerError().contentFilterResult());
            if (!filtered.isEmpty()) {
                detail.append(", filtered ").append(filtered);
            }
        }
        if (error.message() != null) {
            detail.append(": ").append(shorten(error.message()));
        }
        return detail.toString();
    }

    private static String shorten(String text) {
        return text.length() <= DETAIL_LIMIT ? text : text.substring(0, DETAIL_LIMIT) + "...";
    }

    /** The retry policy reads {@code Retry-After} and {@code retry-after-ms} from the JDK's header type. */
    static HttpHeaders headersOf(Response response) {
        return HttpHeaders.of(response.getStringHeaders(), (name, value) -> true);
    }

    /** The credential filter's refusal (no key or token), which the REST Client hands over wrapped. */
    static Optional<AiUnavailableException> refusalIn(ProcessingException thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof AiUnavailableException refusal) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }
}
