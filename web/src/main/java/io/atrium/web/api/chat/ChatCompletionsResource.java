package io.atrium.web.api.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatService;
import io.atrium.ai.ChatStream;
import io.atrium.ai.ChatStreamListener;
import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.EmployeeToken;

/**
 * {@code POST /api/v1/chat/completions}: an OpenAI-compatible gateway for other internal applications, so that an
 * OpenAI client library pointed at Atrium works as is. Calls go to Azure OpenAI through the ai module, under Atrium's
 * system prompt, the caller's daily quota and the usage ledger; {@code stream: true} answers with server-sent events
 * as OpenAI streams them.
 */
@Path("/v1/chat/completions")
@RequestScoped
public class ChatCompletionsResource {

    private static final Logger LOG = Logger.getLogger(ChatCompletionsResource.class.getName());
    /** Longer than any answer the ai module lets run (its read and retry limits); only a safety net. */
    private static final long STREAM_SILENCE_LIMIT_SECONDS = 300;

    @Inject
    ChatService chat;

    @Inject
    JsonWebToken token;

    @Inject
    CurrentEmployee currentEmployee;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @RolesAllowed({"employee", "admin"})
    @Operation(summary = "Chat completions, OpenAI-compatible",
            description = "Takes OpenAI's chat-completions request (messages, model = one of Atrium's deployments, "
                    + "stream, stream_options.include_usage, max_tokens, temperature) and answers in OpenAI's shape, "
                    + "streamed as server-sent events when stream is true. Errors use OpenAI's error shape.")
    @APIResponse(responseCode = "200", description = "The completion, or its chunks ending with data: [DONE]")
    @APIResponse(responseCode = "400", description = "Not a valid request, an unknown model, or blocked by the content "
            + "filter (code content_filter)")
    @APIResponse(responseCode = "429", description = "The caller's daily quota is used up, or Azure OpenAI is busy "
            + "(Retry-After)")
    @APIResponse(responseCode = "502", description = "Azure OpenAI failed")
    @APIResponse(responseCode = "504", description = "Azure OpenAI did not answer in time")
    public Response complete(String body) {
        CompletionRequest request;
        try {
            request = CompletionRequest.parse(body);
        } catch (CompletionRequest.InvalidRequest e) {
            return OpenAiError.invalidRequest(e);
        }
        String model = request.chat().deployment().orElse(chat.deployments().get(0));
        if (!chat.deployments().contains(model)) {
            return OpenAiError.response(400, "The model '" + model + "' is not one of Atrium's deployments: "
                    + String.join(", ", chat.deployments()) + ".", "invalid_request_error", "model_not_found").build();
        }
        AiCaller caller = caller();
        CompletionChunks chunks = new CompletionChunks(model);
        try {
            if (!request.stream()) {
                ChatReply reply = chat.reply(caller, request.chat().withDeployment(model));
                return Response.ok(chunks.completion(reply).toString(), MediaType.APPLICATION_JSON_TYPE).build();
            }
            EventQueue events = new EventQueue();
            ChatStream stream = chat.stream(caller, request.chat().withDeployment(model), events);
            return Response.ok(streamed(stream, events, chunks, request.includeUsage()))
                    .type(MediaType.SERVER_SENT_EVENTS_TYPE)
                    .header("Cache-Control", "no-cache")
                    // Tells a buffering reverse proxy (nginx) to pass each event on at once.
                    .header("X-Accel-Buffering", "no")
                    .build();
        } catch (AiUnavailableException failure) {
            return refusal(failure);
        }
    }

    /** Who calls: the employee the token names (with the token, for on-behalf-of mode), or an application itself. */
    private AiCaller caller() {
        Set<String> roles = token.getGroups();
        return currentEmployee.find()
                .map((EmployeePrincipal employee) -> AiCaller.withToken(new EmployeeToken(employee.tenantId(),
                        employee.objectId(), token.getRawToken()), employee.roles()))
                .orElseGet(() -> AiCaller.of(token.getClaim("tid"), token.getClaim("oid"), roles));
    }

    private static StreamingOutput streamed(ChatStream stream, EventQueue events, CompletionChunks chunks,
                                            boolean includeUsage) {
        return output -> {
            try {
                send(output, chunks.roleChunk());
                while (true) {
                    Object event = events.next();
                    if (event == null) {
                        LOG.warning("chat stream silent for " + STREAM_SILENCE_LIMIT_SECONDS + " s; stopped");
                        stream.cancel();
                        return;
                    }
                    if (event instanceof String text) {
                        send(output, chunks.deltaChunk(text));
                    } else if (event instanceof ChatReply reply) {
                        send(output, chunks.finishChunk(reply));
                        if (includeUsage) {
                            send(output, chunks.usageChunk(reply));
                        }
                        break;
                    } else if (event instanceof AiUnavailableException failure) {
                        // Headers are gone: OpenAI's clients read an error event in the stream.
                        send(output, OpenAiError.body(failure.userMessage(), errorType(failure),
                                errorCode(failure)));
                        break;
                    }
                }
                output.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                output.flush();
            } catch (IOException e) {
                // The caller went away: stop Azure generating (and billing) an answer nobody reads.
                stream.cancel();
                LOG.fine(() -> "chat stream caller went away: " + e);
            } catch (InterruptedException e) {
                stream.cancel();
                Thread.currentThread().interrupt();
            }
        };
    }

    private static void send(OutputStream output, JsonObject event) throws IOException {
        output.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    /** In OpenAI's error format, which the gateway's clients read, with the status and headers of the failure. */
    private static Response refusal(AiUnavailableException failure) {
        Response.ResponseBuilder response = OpenAiError.response(failure.problem().status(), failure.publicDetail(),
                errorType(failure), errorCode(failure));
        failure.headers().forEach(response::header);
        return response.build();
    }

    private static String errorType(AiUnavailableException failure) {
        return switch (failure.kind()) {
            case CONTENT_FILTERED, BAD_REQUEST -> "invalid_request_error";
            case QUOTA_EXHAUSTED -> "insufficient_quota";
            case RATE_LIMITED -> "rate_limit_error";
            case SIGN_IN_REQUIRED -> "authentication_error";
            default -> "api_error";
        };
    }

    private static String errorCode(AiUnavailableException failure) {
        return failure.kind() == AiUnavailableException.Kind.CONTENT_FILTERED ? "content_filter"
                : failure.kind().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Hands the ai module's events (on its thread) to the thread writing the response: text pieces, then the reply or
     * the failure.
     */
    private static final class EventQueue implements ChatStreamListener {

        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public void delta(String text) {
            events.add(text);
        }

        @Override
        public void completed(ChatReply reply) {
            events.add(reply);
        }

        @Override
        public void failed(AiUnavailableException failure) {
            events.add(failure);
        }

        /** The next event, or null after {@link #STREAM_SILENCE_LIMIT_SECONDS} without one. */
        Object next() throws InterruptedException {
            return events.poll(STREAM_SILENCE_LIMIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
