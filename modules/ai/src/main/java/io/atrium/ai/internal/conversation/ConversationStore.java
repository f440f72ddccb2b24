package io.atrium.ai.internal.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import io.atrium.ai.ChatTurn;
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

    public List<ConversationSummary> summaries(String tenantId, String objectId, int limit) {
        return entityManager.createNamedQuery("Conversation.summariesOfOwner", Object[].class)
                .setParameter("tenantId", tenantId)
                .setParameter("objectId", objectId)
                .setMaxResults(limit)
                .getResultList().stream()
                .map(row -> new ConversationSummary((UUID) row[0], (String) row[1], (Instant) row[2],
                        ((Number) row[3]).intValue()))
                .toList();
    }

    public Optional<ConversationView> find(String tenantId, String objectId, UUID id) {
        return owned(tenantId, objectId, id).map(ConversationStore::view);
    }

    public Optional<ConversationView> append(String tenantId, String objectId, UUID id, String role, String content,
                                             Instant now) {
        return owned(tenantId, objectId, id).map(conversation -> {
            conversation.add(role, content, now);
            entityManager.flush();
            return view(conversation);
        });
    }

    public boolean delete(String tenantId, String objectId, UUID id) {
        Optional<ConversationEntity> conversation = owned(tenantId, objectId, id);
        conversation.ifPresent(entityManager::remove);
        return conversation.isPresent();
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
                conversation.updatedAt(), conversation.messages().stream()
                .map(message -> new ChatTurn(ChatTurn.Role.valueOf(message.role().toUpperCase(Locale.ROOT)),
                        message.content()))
                .toList());
    }
}
