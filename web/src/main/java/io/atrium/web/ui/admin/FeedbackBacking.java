package io.atrium.web.ui.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.AnswerFeedback;
import io.atrium.ai.Feedback;
import io.atrium.ai.FeedbackTotal;
import io.atrium.ai.Rating;
import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserView;

/**
 * {@code admin/feedback.xhtml?rating=bad}: how employees rated the assistant's answers, per deployment over the last
 * 30 days, and the latest ratings with their comments. Never the conversations: the ai module keeps none of their
 * words with a rating. Names come from user-audit's directory by Entra id.
 */
@Named
@RequestScoped
public class FeedbackBacking {

    static final int LATEST = 100;
    static final Duration PERIOD = Duration.ofDays(30);

    @Inject
    AnswerFeedback feedback;

    @Inject
    UserDirectory users;

    private final Clock clock = Clock.systemUTC();
    private String rating = "";
    private List<Rated> latest;
    private List<FeedbackTotal> totals;

    /** A rating and who gave it; {@code user} is null for someone Atrium no longer knows. */
    public record Rated(Feedback feedback, UserView user) {

        public String name() {
            return user == null ? feedback.objectId() : user.displayName();
        }

        public String rating() {
            return feedback.rating() == Rating.GOOD ? "Good" : "Bad";
        }
    }

    public List<FeedbackTotal> getTotals() {
        if (totals == null) {
            totals = feedback.totals(clock.instant().minus(PERIOD));
        }
        return totals;
    }

    public List<Rated> getLatest() {
        if (latest == null) {
            latest = feedback.recent(shown(), LATEST).stream()
                    .map(rated -> new Rated(rated, users.findByEntraIdentity(rated.tenantId(), rated.objectId())
                            .orElse(null)))
                    .toList();
        }
        return latest;
    }

    private Set<Rating> shown() {
        for (Rating kind : Rating.values()) {
            if (kind.name().equalsIgnoreCase(rating)) {
                return EnumSet.of(kind);
            }
        }
        return EnumSet.allOf(Rating.class);
    }

    public String getRating() {
        return rating;
    }

    /** From {@code ?rating=}: good or bad; anything else shows both. */
    public void setRating(String rating) {
        this.rating = rating == null ? "" : rating.strip().toLowerCase(Locale.ROOT);
    }
}
