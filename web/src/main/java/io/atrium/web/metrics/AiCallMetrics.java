package io.atrium.web.metrics;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * Times every call to Azure OpenAI and counts it by deployment and HTTP status. MicroProfile REST Client calls this
 * listener for each client built, so the AI module's client is measured without the AI module knowing; a call that
 * gets no answer at all (connection refused, timeout) is not counted.
 */
public class AiCallMetrics implements RestClientListener {

    private static final Pattern DEPLOYMENT = Pattern.compile("/openai/deployments/([^/]+)/");

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        builder.register(new Timing());
    }

    /** Started when the request leaves, recorded when the answer arrives. */
    static final class Timing implements ClientRequestFilter, ClientResponseFilter {

        private static final String STARTED = Timing.class.getName() + ".started";

        @Override
        public void filter(ClientRequestContext request) {
            request.setProperty(STARTED, System.nanoTime());
        }

        @Override
        public void filter(ClientRequestContext request, ClientResponseContext response) {
            Object started = request.getProperty(STARTED);
            Matcher deployment = DEPLOYMENT.matcher(request.getUri().getPath());
            if (started instanceof Long nanos && deployment.find()) {
                CDI.current().select(AtriumMetrics.class).get().aiCall(deployment.group(1), response.getStatus(),
                        Duration.ofNanos(System.nanoTime() - nanos));
            }
        }
    }
}
