package io.atrium.ai;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.ai.internal.conversation.ConversationStore;

/**
 * Employees' conversations with the assistant, kept in PostgreSQL and private to their owner: every operation takes
 * the owner and finds only the owner's conversations, so another employee (an administrator too) gets "not found",
 * never someone else's words. Save the employee's message before asking the assistant, so it survives a failed
 * answer; save the answer after. Never hold a transaction around the call to the assistant.
 */
@ApplicationScoped
public class Conversations {

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_LISTED = 100;

    @PersistenceContext(unitName = "atrium-ai")
    EntityManager entityManager;

    private final Clock clock;

    /** For CDI. */
    public Conversations() {
        this.clock = Clock.systemUTC();
    }

    /** Outside a container, with an entity manager whose transactions the caller runs. */
    public Conversations(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A new, empty conversation of {@code owner}; the title is trimmed and shortened to 200 characters. */
    @Transactional
    public ConversationView start(AiCaller owner, String title) {
        Objects.requireNonNull(owner, "owner");
        String trimmed = title == null ? "" : title.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("A conversation needs a title");
        }
        return store().start(owner.tenantId(), owner.objectId(),
                trimmed.length() > MAX_TITLE_LENGTH ? trimmed.substring(0, MAX_TITLE_LENGTH) : trimmed,
                clock.instant());
    }

    /** The owner's conversations, most recently used first, at most 100. */
    public List<ConversationSummary> mine(AiCaller owner) {
        Objects.requireNonNull(owner, "owner");
        return store().summaries(owner.tenantId(), owner.objectId(), MAX_LISTED);
    }

    /** The conversation, if it is the owner's. */
    public Optional<ConversationView> find(AiCaller owner, UUID id) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(id, "id");
        return store().find(owner.tenantId(), owner.objectId(), id);
    }

    /**
     * Adds a turn (the employee's or the assistant's) at the end of the owner's conversation.
     *
     * @throws IllegalArgumentException when the conversation is not the owner's (or does not exist), or the turn is a
     *                                  system turn (Atrium's prompt is never stored)
     */
    @Transactional
    public ConversationView append(AiCaller owner, UUID id, ChatTurn turn) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(turn, "turn");
        if (turn.role() == ChatTurn.Role.SYSTEM) {
            throw new IllegalArgumentException("System turns are Atrium's and are not stored");
        }
        return store().append(owner.tenantId(), owner.objectId(), id, turn.role().name().toLowerCase(Locale.ROOT),
                turn.content(), clock.instant())
                .orElseThrow(() -> new IllegalArgumentException("No conversation " + id + " of this employee"));
    }

    /** Deletes the owner's conversation; false when there is none of theirs with this id. */
    @Transactional
    public boolean delete(AiCaller owner, UUID id) {
        Objects.requireNonNull(owner, "owner");
        return store().delete(owner.tenantId(), owner.objectId(), id);
    }

    private ConversationStore store() {
        return new ConversationStore(entityManager);
    }
}
