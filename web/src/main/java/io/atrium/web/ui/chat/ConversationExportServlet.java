package io.atrium.web.ui.chat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.ai.AiCaller;
import io.atrium.ai.ConversationView;
import io.atrium.ai.Conversations;
import io.atrium.identity.CurrentEmployee;

/**
 * {@code GET /chat/export?c=...}: one of the signed-in employee's conversations as a Markdown file
 * ({@link ConversationMarkdown}); another employee's, or none, is "not found".
 */
@WebServlet(urlPatterns = "/chat/export")
public class ConversationExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Conversations conversations;

    @Inject
    transient CurrentEmployee currentEmployee;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AiCaller employee = AiCaller.of(currentEmployee.get());
        Optional<ConversationView> conversation = id(request.getParameter("c"))
                .flatMap(id -> conversations.find(employee, id));
        if (conversation.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such conversation of yours");
            return;
        }
        String fileName = ConversationMarkdown.fileName(conversation.get());
        response.setContentType("text/markdown");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        // Letters and digits of any script: the plain filename for old agents, RFC 6266's filename* for the rest.
        response.setHeader("Content-Disposition", "attachment; filename=\"conversation.md\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
        response.getWriter().write(ConversationMarkdown.of(conversation.get(), Clock.systemUTC().instant()));
    }

    private static Optional<UUID> id(String parameter) {
        try {
            return parameter == null ? Optional.empty() : Optional.of(UUID.fromString(parameter.strip()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
