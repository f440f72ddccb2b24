package io.atrium.ai;

import java.time.Clock;
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
    public static final int PAGE_SIZE = 100;
    /** Longer searches are cut to this length: no title is longer, and a message is found by a part of it. */
    public static final int MAX_SEARCH_LENGTH = 200;

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
        return store().start(owner.tenantId(), owner.objectId(), title(title), clock.instant());
    }

    /** A page of the owner's conversations (100 each, from page 0): pinned ones first, then most recently used. */
    public ConversationPage mine(AiCaller owner, int page) {
        Objects.requireNonNull(owner, "owner");
        return store().summaries(owner.tenantId(), owner.objectId(), Math.max(page, 0), PAGE_SIZE);
    }

    /**
     * A page of the owner's conversations whose title or any message (theirs or the assistant's) contains
     * {@code text}, ignoring case, in the order of {@link #mine}; a blank text finds what {@link #mine} lists.
     */
    public ConversationPage search(AiCaller owner, String text, int page) {
        Objects.requireNonNull(owner, "owner");
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return mine(owner, page);
        }
        return store().search(owner.tenantId(), owner.objectId(),
                trimmed.length() > MAX_SEARCH_LENGTH ? trimmed.substring(0, MAX_SEARCH_LENGTH) : trimmed,
                Math.max(page, 0), PAGE_SIZE);
    }

    /**
     * Gives the owner's conversation a new title, trimmed and shortened as {@link #start} does; empty when there is
     * no conversation of theirs with this id.
     *
     * @throws IllegalArgumentException when the title is blank
     */
    @Transactional
    public Optional<ConversationView> rename(AiCaller owner, UUID id, String title) {
        Objects.requireNonNull(owner, "owner");
        return store().rename(owner.tenantId(), owner.objectId(), id, title(title));
    }

    /** Pins the owner's conversation to the top of their list, or unpins it; false when there is none of theirs. */
    @Transactional
    public boolean pin(AiCaller owner, UUID id, boolean pinned) {
        Objects.requireNonNull(owner, "owner");
        return store().pin(owner.tenantId(), owner.objectId(), id, pinned);
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
        return append(owner, id, turn, null);
    }

    /**
     * Adds the assistant's answer, written by {@code deployment}, at the end of the owner's conversation (ratings of
     * the answer name the deployment).
     *
     * @throws IllegalArgumentException when the conversation is not the owner's (or does not exist)
     */
    @Transactional
    public ConversationView appendAnswer(AiCaller owner, UUID id, String answer, String deployment) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(deployment, "deployment");
        return append(owner, id, ChatTurn.assistant(answer), deployment);
    }

    private ConversationView append(AiCaller owner, UUID id, ChatTurn turn, String deployment) {
        return store().append(owner.tenantId(), owner.objectId(), id, turn.role().name().toLowerCase(Locale.ROOT),
                turn.content(), deployment, clock.instant())
                .orElseThrow(() -> new IllegalArgumentException("No conversation " + id + " of this employee"));
    }

    /**
     * Removes the assistant's last answer, for the employee to have it written again; empty when the conversation is
     * not the owner's or does not end with an answer.
     */
    @Transactional
    public Optional<ConversationView> dropLastAnswer(AiCaller owner, UUID id) {
        Objects.requireNonNull(owner, "owner");
        return store().dropLastAnswer(owner.tenantId(), owner.objectId(), id, clock.instant());
    }

    /**
     * Replaces the employee's last question (and the answer to it, if one came) with {@code question}, for asking it
     * again in other words; empty when the conversation is not the owner's or has no question yet.
     */
    @Transactional
    public Optional<ConversationView> replaceLastQuestion(AiCaller owner, UUID id, String question) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(question, "question");
        return store().replaceLastQuestion(owner.tenantId(), owner.objectId(), id, question, clock.instant());
    }

    /** Deletes the owner's conversation; false when there is none of theirs with this id. */
    @Transactional
    public boolean delete(AiCaller owner, UUID id) {
        Objects.requireNonNull(owner, "owner");
        return store().delete(owner.tenantId(), owner.objectId(), id);
    }

    private static String title(String title) {
        String trimmed = title == null ? "" : title.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("A conversation needs a title");
        }
        return trimmed.length() > MAX_TITLE_LENGTH ? trimmed.substring(0, MAX_TITLE_LENGTH) : trimmed;
    }

    private ConversationStore store() {
        return new ConversationStore(entityManager);
    }
}
