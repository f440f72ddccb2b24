package io.atrium.web.ui.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;

import io.atrium.ai.AiUsage;
import io.atrium.ai.DailyUsage;
import io.atrium.ai.DeploymentDay;
import io.atrium.ai.OutcomeDay;
import io.atrium.ai.UserUsage;
import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserView;

import static io.atrium.web.JsonProviders.JSON;

/**
 * {@code admin/usage.xhtml?days=30}: the assistant's use, from the ai module's usage ledger: tokens per UTC day and
 * deployment, the calls Atrium refused for a used-up quota and those Azure's filter stopped, and the employees who
 * used the most, as charts (Chart.js, from the figures this bean writes into the page) and as the tables they are
 * drawn from. Names come from user-audit's directory by Entra id; the two modules never read each other's tables.
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
    private List<DeploymentDay> perDeployment;
    private List<TopUser> topUsers;

    /** One day of the period, also a quiet one. */
    public record Day(LocalDate day, long calls, long tokens, long refused, long filtered) {
    }

    /** One of the top users; {@code user} is null for a caller Atrium never saw sign in (an application). */
    public record TopUser(UserUsage usage, UserView user) {

        public String name() {
            return user == null ? usage.objectId() : user.displayName();
        }
    }

    public List<Day> getPerDay() {
        if (perDay == null) {
            Map<LocalDate, DailyUsage> recorded = usage.perDay(from(), to()).stream()
                    .collect(Collectors.toMap(DailyUsage::day, day -> day));
            Map<LocalDate, Map<String, Long>> outcomes = usage.outcomesPerDay(from(), to()).stream()
                    .collect(Collectors.groupingBy(OutcomeDay::day,
                            Collectors.toMap(OutcomeDay::outcome, OutcomeDay::calls)));
            perDay = new ArrayList<>(days);
            for (LocalDate day = from(); !day.isAfter(to()); day = day.plusDays(1)) {
                DailyUsage used = recorded.get(day);
                Map<String, Long> ended = outcomes.getOrDefault(day, Map.of());
                perDay.add(new Day(day, used == null ? 0 : used.calls(), used == null ? 0 : used.totalTokens(),
                        ended.getOrDefault("quota_exhausted", 0L), ended.getOrDefault("content_filtered", 0L)));
            }
        }
        return perDay;
    }

    public long getTotalTokens() {
        return getPerDay().stream().mapToLong(Day::tokens).sum();
    }

    /** Tokens per day, one series per deployment, for the stacked bar chart. */
    public String getTokensChart() {
        Map<String, Map<LocalDate, Long>> byDeployment = new LinkedHashMap<>();
        Set<String> deployments = new TreeSet<>();
        for (DeploymentDay day : perDeployment()) {
            deployments.add(day.deployment());
            byDeployment.computeIfAbsent(day.deployment(), d -> new LinkedHashMap<>()).put(day.day(), day.tokens());
        }
        JsonArrayBuilder series = JSON.createArrayBuilder();
        for (String deployment : deployments) {
            JsonArrayBuilder values = JSON.createArrayBuilder();
            getPerDay().forEach(day -> values.add(byDeployment.get(deployment).getOrDefault(day.day(), 0L)));
            series.add(JSON.createObjectBuilder().add("label", deployment).add("data", values));
        }
        return chart(series);
    }

    /** Calls refused for a used-up quota and calls Azure's filter stopped, per day. */
    public String getRefusalsChart() {
        JsonArrayBuilder refused = JSON.createArrayBuilder();
        JsonArrayBuilder filtered = JSON.createArrayBuilder();
        getPerDay().forEach(day -> {
            refused.add(day.refused());
            filtered.add(day.filtered());
        });
        return chart(JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("label", "Refused: quota used up").add("data", refused))
                .add(JSON.createObjectBuilder().add("label", "Stopped by the content filter").add("data", filtered)));
    }

    /** The top users' tokens, most first. */
    public String getTopUsersChart() {
        JsonArrayBuilder names = JSON.createArrayBuilder();
        JsonArrayBuilder tokens = JSON.createArrayBuilder();
        getTopUsers().forEach(top -> {
            names.add(top.name());
            tokens.add(top.usage().totalTokens());
        });
        return JSON.createObjectBuilder().add("labels", names).add("series", JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("label", "Tokens").add("data", tokens))).build().toString();
    }

    public List<TopUser> getTopUsers() {
        if (topUsers == null) {
            topUsers = usage.topUsers(from(), to(), TOP_USERS).stream()
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

    public LocalDate getFrom() {
        return from();
    }

    public LocalDate getTo() {
        return to();
    }

    private String chart(JsonArrayBuilder series) {
        JsonArrayBuilder labels = JSON.createArrayBuilder();
        getPerDay().forEach(day -> labels.add(day.day().toString()));
        return JSON.createObjectBuilder().add("labels", labels).add("series", series).build().toString();
    }

    private List<DeploymentDay> perDeployment() {
        if (perDeployment == null) {
            perDeployment = usage.perDayAndDeployment(from(), to());
        }
        return perDeployment;
    }

    private LocalDate to() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private LocalDate from() {
        return to().minusDays(days - 1L);
    }
}
