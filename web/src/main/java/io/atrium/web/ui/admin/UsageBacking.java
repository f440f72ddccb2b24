package io.atrium.web.ui.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.AiUsage;
import io.atrium.ai.DailyUsage;
import io.atrium.ai.UserUsage;
import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserView;

/**
 * {@code admin/usage.xhtml?days=30}: the assistant's use, from the ai module's usage ledger: tokens per UTC day as
 * bars (every day of the period, also the quiet ones) and the employees who used the most. Names come from
 * user-audit's directory by Entra id; the two modules never read each other's tables.
 */
@Named
@RequestScoped
public class UsageBacking {

    static final int DEFAULT_DAYS = 30;
    static final int TOP_USERS = 10;

    @Inject
    AiUsage usage;

    @Inject
    UserDirectory users;

    private final Clock clock = Clock.systemUTC();
    private int days = DEFAULT_DAYS;
    private List<Day> perDay;
    private List<TopUser> topUsers;

    /** One day's bar: its share of the period's busiest day, in percent. */
    public record Day(LocalDate day, long calls, long tokens, int percentOfMax) {
    }

    /** One of the top users; {@code user} is null for a caller Atrium never saw sign in (an application). */
    public record TopUser(UserUsage usage, UserView user) {

        public String name() {
            return user == null ? usage.objectId() : user.displayName();
        }
    }

    public List<Day> getPerDay() {
        if (perDay == null) {
            LocalDate to = today();
            LocalDate from = to.minusDays(days - 1L);
            Map<LocalDate, DailyUsage> recorded = usage.perDay(from, to).stream()
                    .collect(Collectors.toMap(DailyUsage::day, Function.identity()));
            long max = recorded.values().stream().mapToLong(DailyUsage::totalTokens).max().orElse(0);
            perDay = new ArrayList<>(days);
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                DailyUsage used = recorded.get(day);
                long tokens = used == null ? 0 : used.totalTokens();
                perDay.add(new Day(day, used == null ? 0 : used.calls(), tokens,
                        max == 0 ? 0 : (int) Math.round(100.0 * tokens / max)));
            }
        }
        return perDay;
    }

    public long getTotalTokens() {
        return getPerDay().stream().mapToLong(Day::tokens).sum();
    }

    public List<TopUser> getTopUsers() {
        if (topUsers == null) {
            LocalDate to = today();
            topUsers = usage.topUsers(to.minusDays(days - 1L), to, TOP_USERS).stream()
                    .map(top -> new TopUser(top, users.findByEntraIdentity(top.tenantId(), top.objectId())
                            .orElse(null)))
                    .toList();
        }
        return topUsers;
    }

    public int getDays() {
        return days;
    }

    /** From {@code ?days=}: anything outside 1-366 falls back to 30 rather than failing the page. */
    public void setDays(int days) {
        this.days = days >= 1 && days <= AiUsage.MAX_DAYS ? days : DEFAULT_DAYS;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
