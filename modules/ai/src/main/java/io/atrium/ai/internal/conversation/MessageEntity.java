package io.atrium.ai.internal.conversation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A row of {@code ai_message}: one turn of a conversation, at its position. */
@Entity
@Table(name = "ai_message")
public class MessageEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "conversation_id", nullable = false)
    private ConversationEntity conversation;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private String content;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The deployment that wrote an answer; null for questions. */
    private String deployment;

    protected MessageEntity() {
    }

    MessageEntity(ConversationEntity conversation, int position, String role, String content, String deployment,
                  Instant createdAt) {
        this.conversation = conversation;
        this.position = position;
        this.role = role;
        this.content = content;
        this.deployment = deployment;
        this.createdAt = createdAt;
    }

    String role() {
        return role;
    }

    String content() {
        return content;
    }
}
