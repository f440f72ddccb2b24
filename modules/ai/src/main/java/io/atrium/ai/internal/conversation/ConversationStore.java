package io.atrium.ai.internal.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.atrium.ai.ChatTurn;
import io.atrium.ai.ConversationPage;
import io.atrium.ai.ConversationSummary;
import io.atrium.ai.ConversationView;

/** The conversation tables through JPA; every lookup is by owner and id, so an id alone opens nothing. */
public final class ConversationStore {

    private final EntityManager entityManager;

    public ConversationStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public ConversationView start(String tenantId, String objectId, String title, Instant now) {
        ConversationEntity conversation = new ConversationEntity(UUID.randomUUID(), tenantId, objectId, title, now);
        entityManager.persist(conversation);
        return view(conversation);
    }

    public ConversationPage summaries(String tenantId, String objectId, int page, int pageSize) {
        return page(entityManager.createNamedQuery("Conversation.summariesOfOwner", Object[].class), tenantId,
                objectId, page, pageSize);
    }

    /** The owner's conversations whose title or any message contains {@code text}, ignoring case. */
    public ConversationPage search(String tenantId, String objectId, String text, int page, int pageSize) {
        return page(entityManager.createNamedQuery("Conversation.searchOfOwner", Object[].class)
                .setParameter("pattern", containing(text)), tenantId, objectId, page, pageSize);
    }

    public Optional<ConversationView> rename(String tenantId, String objectId, UUID id, String title) {
        return owned(tenantId, objectId, id).map(conversation -> {
            conversation.rename(title);
            return view(conversation);
        });
    }

    public boolean pin(String tenantId, String objectId, UUID id, boolean pinned) {
        Optional<ConversationEntity> conversation = owned(tenantId, objectId, id);
        conversation.ifPresent(found -> found.pin(pinned));
        return conversation.isPresent();
    }

    public Optional<ConversationView> find(String tenantId, String objectId, UUID id) {
        return owned(tenantId, objectId, id).map(ConversationStore::view);
    }

    /** {@code deployment}: the one that wrote an answer, null for a question. */
    public Optional<ConversationView> append(String tenantId, String objectId, UUID id, String role, String content,
                                             String deployment, Instant now) {
        return owned(tenantId, objectId, id).map(conversation -> {
            conversation.add(role, content, deployment, now);
            entityManager.flush();
            return view(conversation);
        });
    }

    /** Empty when the conversation is not the owner's or does not end with an answer. */
    public Optional<ConversationView> dropLastAnswer(String tenantId, String objectId, UUID id, Instant now) {
        return owned(tenantId, objectId, id).filter(conversation -> conversation.dropLast("assistant", now))
                .map(conversation -> {
                    entityManager.flush();
                    return view(conversation);
                });
    }

    /**
     * The last question, and the answer after it if any, replaced by {@code content}; empty when the conversation is
     * not the owner's or has no question.
     */
    public Optional<ConversationView> replaceLastQuestion(String tenantId, String objectId, UUID id, String content,
                                                          Instant now) {
        return owned(tenantId, objectId, id).flatMap(conversation -> {
            conversation.dropLast("assistant", now);
            if (!conversation.dropLast("user", now)) {
                return Optional.empty();
            }
            // The new question takes the old one's position: the old row goes first, then the new one is inserted.
            entityManager.flush();
            conversation.add("user", content, null, now);
            entityManager.flush();
            return Optional.of(view(conversation));
        });
    }

    public boolean delete(String tenantId, String objectId, UUID id) {
        Optional<ConversationEntity> conversation = owned(tenantId, objectId, id);
        conversation.ifPresent(entityManager::remove);
        return conversation.isPresent();
    }

    /** One row more than the page holds, to know whether another page follows. */
    private static ConversationPage page(TypedQuery<Object[]> query, String tenantId, String objectId, int page,
                                         int pageSize) {
        List<ConversationSummary> rows = query.setParameter("tenantId", tenantId)
                .setParameter("objectId", objectId)
                .setFirstResult(page * pageSize)
                .setMaxResults(pageSize + 1)
                .getResultList().stream()
                .map(row -> new ConversationSummary((UUID) row[0], (String) row[1], (Instant) row[2],
                        (Boolean) row[3], ((Number) row[4]).intValue()))
                .toList();
        return new ConversationPage(rows.subList(0, Math.min(rows.size(), pageSize)), page, rows.size() > pageSize);
    }

    /** A LIKE pattern (escape character '!') matching lower-cased {@code text} anywhere, its % and _ literal. */
    static String containing(String text) {
        return "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private Optional<ConversationEntity> owned(String tenantId, String objectId, UUID id) {
        return entityManager.createNamedQuery("Conversation.findOfOwner", ConversationEntity.class)
                .setParameter("id", id)
                .setParameter("tenantId", tenantId)
                .setParameter("objectId", objectId)
                .getResultStream().findFirst();
    }

    private static ConversationView view(ConversationEntity conversation) {
        return new ConversationView(conversation.id(), conversation.title(), conversation.createdAt(),
                conversation.updatedAt(), conversation.pinned(), conversation.messages().stream()
                .map(message -> new ChatTurn(ChatTurn.Role.valueOf(message.role().toUpperCase(Locale.ROOT)),
                        message.content()))
                .toList());
    }
}
