package io.atrium.ai.internal.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** A row of {@code ai_conversation} (migration V2), with its messages in order. */
@Entity
@Table(name = "ai_conversation")
@NamedQueries({
    @NamedQuery(name = "Conversation.findOfOwner", query = "SELECT c FROM ConversationEntity c WHERE c.id = :id "
            + "AND c.tenantId = :tenantId AND c.objectId = :objectId"),
    // A left join, since SIZE() becomes an inner join in EclipseLink and drops conversations without messages.
    @NamedQuery(name = "Conversation.summariesOfOwner", query = "SELECT c.id, c.title, c.updatedAt, c.pinned, "
            + "COUNT(m) FROM ConversationEntity c LEFT JOIN c.messages m WHERE c.tenantId = :tenantId "
            + "AND c.objectId = :objectId GROUP BY c.id, c.title, c.updatedAt, c.pinned "
            + "ORDER BY c.pinned DESC, c.updatedAt DESC, c.id"),
    // The pattern is lower case and escaped (ConversationStore.containing); lower(...) LIKE uses the trigram indexes.
    @NamedQuery(name = "Conversation.searchOfOwner", query = "SELECT c.id, c.title, c.updatedAt, c.pinned, "
            + "COUNT(m) FROM ConversationEntity c LEFT JOIN c.messages m WHERE c.tenantId = :tenantId "
            + "AND c.objectId = :objectId AND (LOWER(c.title) LIKE :pattern ESCAPE '!' OR EXISTS (SELECT h FROM "
            + "MessageEntity h WHERE h.conversation = c AND LOWER(h.content) LIKE :pattern ESCAPE '!')) "
            + "GROUP BY c.id, c.title, c.updatedAt, c.pinned ORDER BY c.pinned DESC, c.updatedAt DESC, c.id")
})
public class ConversationEntity {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "object_id", nullable = false)
    private String objectId;

    @Column(nullable = false)
    private String title;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(nullable = false)
    private boolean pinned;

    @OneToMany(mappedBy = "conversation", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<MessageEntity> messages = new ArrayList<>();

    protected ConversationEntity() {
    }

    ConversationEntity(UUID id, String tenantId, String objectId, String title, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.objectId = objectId;
        this.title = title;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** {@code deployment}: the one that wrote an answer, null for a question. */
    void add(String role, String content, String deployment, Instant now) {
        messages.add(new MessageEntity(this, messages.size(), role, content, deployment, now));
        updatedAt = now;
    }

    /** Removes the last turn when it is {@code role}'s; false when it is not (or there is none). */
    boolean dropLast(String role, Instant now) {
        if (messages.isEmpty() || !messages.get(messages.size() - 1).role().equals(role)) {
            return false;
        }
        messages.remove(messages.size() - 1);
        updatedAt = now;
        return true;
    }

    /** Renaming or pinning is not using the conversation: it keeps its place among the recently used. */
    void rename(String newTitle) {
        title = newTitle;
    }

    void pin(boolean pin) {
        pinned = pin;
    }

    UUID id() {
        return id;
    }

    String title() {
        return title;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    boolean pinned() {
        return pinned;
    }

    List<MessageEntity> messages() {
        return messages;
    }
}
