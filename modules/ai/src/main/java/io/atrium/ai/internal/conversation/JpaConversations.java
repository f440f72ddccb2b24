package io.atrium.ai.internal.conversation;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.ai.AiCaller;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.ConversationPage;
import io.atrium.ai.ConversationView;
import io.atrium.ai.Conversations;

/** {@link Conversations} in the ai module's tables, through JPA. */
@ApplicationScoped
public class JpaConversations implements Conversations {

    @PersistenceContext(unitName = "atrium-ai")
    EntityManager entityManager;

    private final Clock clock;

    /** For CDI. */
    public JpaConversations() {
        this.clock = Clock.systemUTC();
    }

    /** Outside a container, with an entity manager whose transactions the caller runs. */
    public JpaConversations(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Override
    @Transactional
    public ConversationView start(AiCaller owner, String title) {
        Objects.requireNonNull(owner, "owner");
        return store().start(owner.tenantId(), owner.objectId(), title(title), clock.instant());
    }

    @Override
    public ConversationPage mine(AiCaller owner, int page) {
        Objects.requireNonNull(owner, "owner");
        return store().summaries(owner.tenantId(), owner.objectId(), Math.max(page, 0), PAGE_SIZE);
    }

    @Override
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

    @Override
    @Transactional
    public Optional<ConversationView> rename(AiCaller owner, UUID id, String title) {
        Objects.requireNonNull(owner, "owner");
        return store().rename(owner.tenantId(), owner.objectId(), id, title(title));
    }

    @Override
    @Transactional
    public boolean pin(AiCaller owner, UUID id, boolean pinned) {
        Objects.requireNonNull(owner, "owner");
        return store().pin(owner.tenantId(), owner.objectId(), id, pinned);
    }

    @Override
    public Optional<ConversationView> find(AiCaller owner, UUID id) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(id, "id");
        return store().find(owner.tenantId(), owner.objectId(), id);
    }

    @Override
    @Transactional
    public ConversationView append(AiCaller owner, UUID id, ChatTurn turn) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(turn, "turn");
        if (turn.role() == ChatTurn.Role.SYSTEM) {
            throw new IllegalArgumentException("System turns are Atrium's and are not stored");
        }
        return append(owner, id, turn, null);
    }

    @Override
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

    @Override
    @Transactional
    public Optional<ConversationView> dropLastAnswer(AiCaller owner, UUID id) {
        Objects.requireNonNull(owner, "owner");
        return store().dropLastAnswer(owner.tenantId(), owner.objectId(), id, clock.instant());
    }

    @Override
    @Transactional
    public Optional<ConversationView> replaceLastQuestion(AiCaller owner, UUID id, String question) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(question, "question");
        return store().replaceLastQuestion(owner.tenantId(), owner.objectId(), id, question, clock.instant());
    }

    @Override
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
