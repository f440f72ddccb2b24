package io.atrium.web.ui.chat;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AnswerFeedback;
import io.atrium.ai.Feedback;
import io.atrium.ai.Rating;
import io.atrium.identity.CurrentEmployee;

import static io.atrium.web.JsonProviders.JSON;

/**
 * {@code POST /chat/feedback} (form fields {@code c}, {@code position}, {@code rating} good|bad, and
 * {@code comment} when the employee writes one; header {@code X-Atrium-Token}): the chat page's rating of one of the
 * employee's answers. Answers JSON {@code {"rating", "comment"}} as stored, or {@code {"message"}} with 400 (bad
 * fields), 403 (no or a wrong token: nothing is stored) or 404 (no answer of theirs there).
 */
@WebServlet(urlPatterns = "/chat/feedback")
public class FeedbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(FeedbackServlet.class.getName());

    @Inject
    transient AnswerFeedback feedback;

    @Inject
    transient FeedbackToken token;

    @Inject
    transient CurrentEmployee currentEmployee;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!token.matches(request.getHeader("X-Atrium-Token"))) {
            answer(response, HttpServletResponse.SC_FORBIDDEN, "This page is out of date: reload it to rate answers.");
            return;
        }
        UUID conversation;
        int position;
        Rating rating;
        try {
            conversation = UUID.fromString(String.valueOf(request.getParameter("c")).strip());
            position = Integer.parseInt(String.valueOf(request.getParameter("position")).strip());
            rating = Rating.valueOf(String.valueOf(request.getParameter("rating")).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException malformed) {
            answer(response, HttpServletResponse.SC_BAD_REQUEST,
                    "A rating needs the conversation, the answer's place in it and good or bad.");
            return;
        }
        AiCaller owner = AiCaller.of(currentEmployee.get());
        String comment = request.getParameter("comment");
        Optional<Feedback> stored;
        try {
            stored = comment == null ? feedback.rate(owner, conversation, position, rating)
                    : feedback.comment(owner, conversation, position, rating, comment);
        } catch (IllegalArgumentException tooLong) {
            answer(response, HttpServletResponse.SC_BAD_REQUEST, tooLong.getMessage());
            return;
        }
        if (stored.isEmpty()) {
            answer(response, HttpServletResponse.SC_NOT_FOUND, "There is no answer of yours to rate there.");
            return;
        }
        LOG.info(() -> "answer rated " + stored.get().rating().name().toLowerCase(Locale.ROOT)
                + (stored.get().comment() == null ? "" : " with a comment") + " deployment="
                + stored.get().deployment());
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("rating", stored.get().rating().name().toLowerCase(Locale.ROOT));
        if (stored.get().comment() != null) {
            body.add("comment", stored.get().comment());
        }
        write(response, HttpServletResponse.SC_OK, body.build());
    }

    private static void answer(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, JSON.createObjectBuilder().add("message", message).build());
    }

    private static void write(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }
}
