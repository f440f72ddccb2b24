package io.atrium.standins.openai;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A failure the stand-in answers with instead of a completion, scripted by a test through
 * {@link AzureOpenAiStandIn#failNext(Fault)}. The bodies and headers are Azure's, so a client sees what it would see
 * from the real service.
 */
public final class Fault {

    private final String description;
    private final Function<String, AzureError> errorForApiVersion;

    private Fault(String description, Function<String, AzureError> errorForApiVersion) {
        this.description = description;
        this.errorForApiVersion = errorForApiVersion;
    }

    /** 429 with {@code Retry-After} (whole seconds, rounded up) and {@code retry-after-ms}. */
    public static Fault rateLimited(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new Fault("429 retry after " + retryAfter, apiVersion -> AzureError.rateLimited(retryAfter, apiVersion));
    }

    /** 500 with the model service's {@code server_error} body. */
    public static Fault internalServerError() {
        return new Fault("500", apiVersion -> AzureError.internalServerError());
    }

    /** 503, as Azure answers while a region or deployment is overloaded or being updated. */
    public static Fault serviceUnavailable() {
        return new Fault("503", apiVersion -> AzureError.serviceUnavailable());
    }

    AzureError error(String apiVersion) {
        return errorForApiVersion.apply(apiVersion);
    }

    @Override
    public String toString() {
        return "Fault[" + description + "]";
    }
}
