package io.atrium.ai;

import java.util.Optional;
import java.util.UUID;

/**
 * Employees' conversations with the assistant, kept in PostgreSQL and private to their owner: every operation takes
 * the owner and finds only the owner's conversations, so another employee (an administrator too) gets "not found",
 * never someone else's words. Save the employee's message before asking the assistant, so it survives a failed
 * answer; save the answer after. Never hold a transaction around the call to the assistant.
 */
public interface Conversations {

    int MAX_TITLE_LENGTH = 200;
    int PAGE_SIZE = 100;
    /** Longer searches are cut to this length: no title is longer, and a message is found by a part of it. */
    int MAX_SEARCH_LENGTH = 200;

    /** A new, empty conversation of {@code owner}; the title is trimmed and shortened to 200 characters. */
    ConversationView start(AiCaller owner, String title);

    /** A page of the owner's conversations (100 each, from page 0): pinned ones first, then most recently used. */
    ConversationPage mine(AiCaller owner, int page);

    /**
     * A page of the owner's conversations whose title or any message (theirs or the assistant's) contains
     * {@code text}, ignoring case, in the order of {@link #mine}; a blank text finds what {@link #mine} lists.
     */
    ConversationPage search(AiCaller owner, String text, int page);

    /**
     * Gives the owner's conversation a new title, trimmed and shortened as {@link #start} does; empty when there is
     * no conversation of theirs with this id.
     *
     * @throws IllegalArgumentException when the title is blank
     */
    Optional<ConversationView> rename(AiCaller owner, UUID id, String title);

    /** Pins the owner's conversation to the top of their list, or unpins it; false when there is none of theirs. */
    boolean pin(AiCaller owner, UUID id, boolean pinned);

    /** The conversation, if it is the owner's. */
    Optional<ConversationView> find(AiCaller owner, UUID id);

    /**
     * Adds a turn (the employee's or the assistant's) at the end of the owner's conversation.
     *
     * @throws IllegalArgumentException when the conversation is not the owner's (or does not exist), or the turn is a
     *                                  system turn (Atrium's prompt is never stored)
     */
    ConversationView append(AiCaller owner, UUID id, ChatTurn turn);

    /**
     * Adds the assistant's answer, written by {@code deployment}, at the end of the owner's conversation (ratings of
     * the answer name the deployment).
     *
     * @throws IllegalArgumentException when the conversation is not the owner's (or does not exist)
     */
    ConversationView appendAnswer(AiCaller owner, UUID id, String answer, String deployment);

    /**
     * Removes the assistant's last answer, for the employee to have it written again; empty when the conversation is
     * not the owner's or does not end with an answer.
     */
    Optional<ConversationView> dropLastAnswer(AiCaller owner, UUID id);

    /**
     * Replaces the employee's last question (and the answer to it, if one came) with {@code question}, for asking it
     * again in other words; empty when the conversation is not the owner's or has no question yet.
     */
    Optional<ConversationView> replaceLastQuestion(AiCaller owner, UUID id, String question);

    /** Deletes the owner's conversation; false when there is none of theirs with this id. */
    boolean delete(AiCaller owner, UUID id);
}
