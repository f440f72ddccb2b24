package io.atrium.web.ui.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatRequest;
import io.atrium.ai.ChatService;
import io.atrium.ai.ChatStream;
import io.atrium.ai.ChatStreamListener;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.ConversationView;
import io.atrium.ai.Conversations;
import io.atrium.ai.FittedRequest;
import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.SignInAgain;

import static io.atrium.web.JsonProviders.JSON;

/**
 * {@code GET /chat/stream?reply=...}: the assistant's answer to the chat page, as server-sent events while Azure
 * OpenAI writes it. Only for the browser session of the employee whose page prepared the reply (the post that saved
 * their message, protected by Faces' view state); a request without a session is answered 401 by Atrium's
 * authentication mechanism, never redirected to Entra.
 *
 * <p>Events: {@code delta} ({@code {"text"}}: the next piece, to be shown as plain text), then either {@code done}
 * ({@code {"html", "stopped", "note", "allowance", "leftOut", "position"}}: the whole answer as safe HTML, saved in
 * the conversation at {@code position}, and what of a long conversation it did not see) or
 * {@code failed} ({@code {"message", "withdraw", "allowance"}}: why there is no answer; withdraw the pieces shown when
 * Azure's filter blocked them); {@code allowance} says what is left of today's quota. When the browser goes away,
 * the call to Azure is stopped.
 */
@WebServlet(urlPatterns = "/chat/stream", asyncSupported = true)
public class ChatStreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ChatStreamServlet.class.getName());
    /** Longer than the ai module lets any answer run (its read timeout between events); only a safety net. */
    private static final long ASYNC_TIMEOUT_MS = 15 * 60 * 1000L;

    @Inject
    transient ChatService chat;

    @Inject
    transient Conversations conversations;

    @Inject
    transient ReplyStreams replies;

    @Inject
    transient CurrentEmployee currentEmployee;

    @Inject
    transient SignInAgain signInAgain;

    /** An answer ends on an HTTP client's thread: reading the usage ledger there needs the request's context. */
    @Resource(lookup = "java:comp/DefaultContextService")
    transient ContextService containerContext;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EmployeePrincipal employee = currentEmployee.get();
        String id = request.getParameter("reply");
        Optional<ReplyStreams.Prepared> prepared = replies.take(id, employee);
        AiCaller caller = currentEmployee.token().map(token -> AiCaller.withToken(token, employee.roles()))
                .orElseGet(() -> AiCaller.of(employee));
        Optional<ConversationView> conversation = prepared.flatMap(reply ->
                conversations.find(caller, reply.conversationId()));
        if (conversation.isEmpty()) {
            replies.ended(id);
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No reply of yours is waiting under this id.");
            return;
        }
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        // Tells a buffering reverse proxy (nginx) to pass each event on at once.
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(ASYNC_TIMEOUT_MS);
        Supplier<String> allowance = containerContext.contextualSupplier(
                () -> Allowance.describe(chat.quotaOf(caller)));
        Events events = new Events(async, response.getOutputStream(), id, caller, prepared.get(),
                request.getSession(false), request.getContextPath(), allowance);
        async.addListener(events);
        response.flushBuffer();
        if (replies.stopped(id)) {
            events.completed(new ChatReply("", ChatReply.CANCELLED, 0, 0, prepared.get().deployment(), "", null));
            return;
        }
        List<ChatTurn> turns = conversation.get().turns();
        try {
            FittedRequest fitted = chat.fitToContext(ChatRequest.of(turns)
                    .withDeployment(prepared.get().deployment()));
            events.leftOut(fitted.leftOut());
            ChatStream stream = chat.stream(caller, fitted.request(), events);
            events.streaming(stream);
            replies.started(id, stream);
        } catch (AiUnavailableException refused) {
            events.failed(refused);
        }
    }

    /** Writes the ai module's events to the browser, saves the answer, and stops Azure when the browser leaves. */
    private final class Events implements ChatStreamListener, AsyncListener {

        private final AsyncContext async;
        private final OutputStream output;
        private final String id;
        private final AiCaller caller;
        private final ReplyStreams.Prepared prepared;
        private final AtomicReference<ChatStream> stream = new AtomicReference<>();
        private final AtomicBoolean browserGone = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile int leftOut;
        private final HttpSession session;
        private final String contextPath;
        private final Supplier<String> allowanceLeft;

        Events(AsyncContext async, OutputStream output, String id, AiCaller caller, ReplyStreams.Prepared prepared,
               HttpSession session, String contextPath, Supplier<String> allowanceLeft) {
            this.async = async;
            this.output = output;
            this.id = id;
            this.caller = caller;
            this.prepared = prepared;
            this.session = session;
            this.contextPath = contextPath;
            this.allowanceLeft = allowanceLeft;
        }

        void leftOut(int turns) {
            leftOut = turns;
        }

        void streaming(ChatStream started) {
            stream.set(started);
            if (browserGone.get()) {
                started.cancel();
            }
        }

        @Override
        public void delta(String text) {
            send("delta", JSON.createObjectBuilder().add("text", text).build());
        }

        @Override
        public void completed(ChatReply reply) {
            boolean stopped = ChatReply.CANCELLED.equals(reply.finishReason());
            OptionalInt position = reply.content().isEmpty() ? OptionalInt.empty() : save(reply);
            String note = stopped ? "You stopped this answer; it is incomplete."
                    : "length".equals(reply.finishReason()) ? "The answer was cut off at its length limit." : "";
            JsonObjectBuilder done = JSON.createObjectBuilder()
                    .add("html", SafeMarkdown.toHtml(reply.content()))
                    .add("stopped", stopped)
                    .add("note", note)
                    .add("allowance", allowance())
                    .add("leftOut", LeftOutNote.of(leftOut));
            // Where the saved answer is in the conversation, for the page to rate it; none when nothing was saved.
            position.ifPresent(at -> done.add("position", at));
            send("done", done.build());
            end();
        }

        @Override
        public void failed(AiUnavailableException failure) {
            LOG.warning(() -> "chat reply failed: " + failure.getMessage());
            JsonObjectBuilder event = JSON.createObjectBuilder()
                    .add("message", failure.userMessage())
                    .add("withdraw", failure.kind() == AiUnavailableException.Kind.CONTENT_FILTERED)
                    .add("allowance", allowance());
            // Entra wants the employee to sign in again (a claims challenge): the page goes there and comes back
            // to this conversation, where the question waits to be sent again.
            if (failure.kind() == AiUnavailableException.Kind.SIGN_IN_REQUIRED) {
                failure.entraRefusal()
                        .flatMap(refusal -> signInAgain.pathFor(refusal, "/chat.xhtml?c=" + prepared.conversationId(),
                                session))
                        .ifPresent(path -> event.add("signInAgain", contextPath + path));
            }
            send("failed", event.build());
            end();
        }

        /** After the call is in the usage ledger (the ai module records it before telling the listener). */
        private String allowance() {
            try {
                return allowanceLeft.get();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the allowance left could not be read after an answer", e);
                return "";
            }
        }

        /** The employee's message is already saved; the answer (or what of it arrived) follows it. */
        private OptionalInt save(ChatReply reply) {
            try {
                return OptionalInt.of(conversations.appendAnswer(caller, prepared.conversationId(), reply.content(),
                        reply.deployment()).turns().size() - 1);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the assistant's answer could not be saved in conversation "
                        + prepared.conversationId(), e);
                return OptionalInt.empty();
            }
        }

        private synchronized void send(String event, JsonObject data) {
            if (browserGone.get()) {
                return;
            }
            try {
                output.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                output.flush();
            } catch (IOException | IllegalStateException gone) {
                browserGone();
            }
        }

        /** The page closed its stream (another page, a closed tab): Azure stops generating an answer nobody reads. */
        private void browserGone() {
            if (browserGone.compareAndSet(false, true)) {
                LOG.fine(() -> "chat stream's browser went away; stopping the answer");
                ChatStream running = stream.get();
                if (running != null) {
                    running.cancel();
                }
            }
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                replies.ended(id);
                try {
                    async.complete();
                } catch (IllegalStateException alreadyOver) {
                    LOG.log(Level.FINE, "chat stream was already over", alreadyOver);
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            replies.ended(id);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            browserGone();
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            browserGone();
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Started once, in doGet.
        }
    }
}
