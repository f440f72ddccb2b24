package io.atrium.web.ui.chat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.atrium.ai.ChatStream;
import io.atrium.identity.EmployeePrincipal;

/**
 * The chat page's replies between the post that saved the employee's message and the event stream that carries the
 * answer: the post prepares a reply under a random id, the stream takes it once, and the page's Stop button stops it
 * by that id. Every operation names the employee, and an id is found only for the employee it was made for, so an id
 * seen elsewhere opens nobody else's conversation. Kept in this server's memory: a reply is asked for right after its
 * post, on the same (sticky) server.
 */
@ApplicationScoped
public class ReplyStreams {

    /** A reply its page never asked for (closed tab, no JavaScript) is forgotten after this. */
    static final Duration UNCLAIMED_FOR = Duration.ofMinutes(2);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Clock clock;

    public ReplyStreams() {
        this(Clock.systemUTC());
    }

    ReplyStreams(Clock clock) {
        this.clock = clock;
    }

    /** What the stream needs to answer: whose conversation, and with which deployment. */
    public record Prepared(String tenantId, String objectId, UUID conversationId, String deployment) {
    }

    /** A reply to the employee's conversation, to be streamed; returns its id. */
    public String prepare(EmployeePrincipal employee, UUID conversationId, String deployment) {
        forgetUnclaimed();
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        replies.put(id, new Reply(new Prepared(employee.tenantId(), employee.objectId(), conversationId, deployment),
                clock.instant()));
        return id;
    }

    /** The prepared reply, once: a second request for the same id (or another employee's) finds nothing. */
    public Optional<Prepared> take(String id, EmployeePrincipal employee) {
        Reply reply = id == null ? null : replies.get(id);
        if (reply == null || !reply.isOf(employee) || !reply.claim()) {
            return Optional.empty();
        }
        return Optional.of(reply.prepared);
    }

    /** The stream of a taken reply is under way; stops it at once if Stop came first. */
    public void started(String id, ChatStream stream) {
        Reply reply = replies.get(id);
        if (reply != null) {
            reply.started(stream);
        }
    }

    /** Stops the employee's reply; false when there is none of theirs under this id (it may have ended). */
    public boolean stop(String id, EmployeePrincipal employee) {
        Reply reply = id == null ? null : replies.get(id);
        if (reply == null || !reply.isOf(employee)) {
            return false;
        }
        reply.stop();
        return true;
    }

    /** Whether Stop was pressed for this reply (the stream then ends with what arrived). */
    public boolean stopped(String id) {
        Reply reply = replies.get(id);
        return reply != null && reply.stopRequested;
    }

    public void ended(String id) {
        replies.remove(id);
    }

    private void forgetUnclaimed() {
        Instant limit = clock.instant().minus(UNCLAIMED_FOR);
        replies.values().removeIf(reply -> !reply.claimed && reply.preparedAt.isBefore(limit));
    }

    private static final class Reply {

        private final Prepared prepared;
        private final Instant preparedAt;
        private boolean claimed;
        /** Read without the lock by {@link ReplyStreams#stopped}, from the thread that streams the answer. */
        private volatile boolean stopRequested;
        private ChatStream stream;

        Reply(Prepared prepared, Instant preparedAt) {
            this.prepared = prepared;
            this.preparedAt = preparedAt;
        }

        boolean isOf(EmployeePrincipal employee) {
            return prepared.tenantId().equals(employee.tenantId()) && prepared.objectId().equals(employee.objectId());
        }

        synchronized boolean claim() {
            if (claimed) {
                return false;
            }
            claimed = true;
            return true;
        }

        void started(ChatStream started) {
            boolean stopNow;
            synchronized (this) {
                stream = started;
                stopNow = stopRequested;
            }
            if (stopNow) {
                started.cancel();
            }
        }

        void stop() {
            ChatStream running;
            synchronized (this) {
                stopRequested = true;
                running = stream;
            }
            // Outside the lock: cancelling ends the stream on this thread, whose listener writes to the browser.
            if (running != null) {
                running.cancel();
            }
        }
    }
}
