package io.atrium.ai.internal.quota;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.ai.QuotaRules;
import io.atrium.ai.RoleQuota;
import io.atrium.ai.UserQuota;
import io.atrium.ai.internal.client.AzureOpenAiSettings;

/** The quotas in PostgreSQL ({@code ai_role_quota}, {@code ai_user_quota}) over the environment's defaults. */
@ApplicationScoped
public class JpaQuotaRules implements QuotaRules {

    @PersistenceContext(unitName = "atrium-ai")
    EntityManager entityManager;

    private final Map<String, Long> defaults;

    @Inject
    public JpaQuotaRules(AzureOpenAiSettings settings) {
        this.defaults = Map.copyOf(settings.dailyTokenQuotas());
    }

    /** Outside a container, with an entity manager whose transactions the caller runs. */
    public JpaQuotaRules(EntityManager entityManager, Map<String, Long> defaults) {
        this.entityManager = entityManager;
        this.defaults = Map.copyOf(defaults);
    }

    /** For CDI's proxy. */
    protected JpaQuotaRules() {
        this.defaults = Map.of();
    }

    @Override
    public long dailyQuotaOf(String tenantId, String objectId, Set<String> roles, Instant now) {
        UserQuotaEntity override = entityManager.find(UserQuotaEntity.class,
                new UserQuotaEntity.Key(tenantId, objectId));
        if (override != null && override.expiresAt().isAfter(now)) {
            return override.view().dailyTokens();
        }
        Map<String, RoleQuota> quotas = byRole();
        return roles.stream().filter(quotas::containsKey).mapToLong(role -> quotas.get(role).dailyTokens()).max()
                .orElse(0);
    }

    @Override
    public List<RoleQuota> roleQuotas() {
        return List.copyOf(byRole().values());
    }

    private Map<String, RoleQuota> byRole() {
        Map<String, RoleQuotaEntity> settings = new TreeMap<>();
        entityManager.createQuery("SELECT q FROM RoleQuotaEntity q", RoleQuotaEntity.class).getResultList()
                .forEach(setting -> settings.put(setting.role(), setting));
        Set<String> roles = new TreeSet<>(defaults.keySet());
        roles.addAll(settings.keySet());
        Map<String, RoleQuota> quotas = new TreeMap<>();
        for (String role : roles) {
            quotas.put(role, view(role, settings.get(role)));
        }
        return quotas;
    }

    private RoleQuota view(String role, RoleQuotaEntity setting) {
        OptionalLong byDefault = defaults.containsKey(role) ? OptionalLong.of(defaults.get(role)) : OptionalLong.empty();
        return setting == null ? new RoleQuota(role, byDefault, OptionalLong.empty(), null, null)
                : new RoleQuota(role, byDefault, OptionalLong.of(setting.dailyTokens()), setting.setBy(),
                        setting.setAt());
    }

    @Override
    @Transactional
    public RoleQuota setRoleQuota(String role, long dailyTokens, String setBy, Instant at) {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("Name the role the quota is for.");
        }
        if (dailyTokens < 0) {
            throw new IllegalArgumentException("A quota cannot be negative.");
        }
        RoleQuotaEntity setting = entityManager.find(RoleQuotaEntity.class, role);
        RoleQuota before = view(role, setting);
        if (setting == null) {
            setting = new RoleQuotaEntity(role);
            setting.set(dailyTokens, setBy, at);
            entityManager.persist(setting);
        } else {
            setting.set(dailyTokens, setBy, at);
        }
        return before;
    }

    @Override
    @Transactional
    public RoleQuota resetRoleQuota(String role) {
        RoleQuotaEntity setting = entityManager.find(RoleQuotaEntity.class, role);
        RoleQuota before = view(role, setting);
        if (setting != null) {
            entityManager.remove(setting);
        }
        return before;
    }

    @Override
    public List<UserQuota> userOverrides(Instant now) {
        return entityManager.createNamedQuery("UserQuota.unexpired", UserQuotaEntity.class)
                .setParameter("now", now).getResultList().stream().map(UserQuotaEntity::view).toList();
    }

    @Override
    @Transactional
    public Optional<UserQuota> setUserOverride(UserQuota override) {
        UserQuotaEntity stored = entityManager.find(UserQuotaEntity.class,
                new UserQuotaEntity.Key(override.tenantId(), override.objectId()));
        Optional<UserQuota> before = Optional.ofNullable(stored).map(UserQuotaEntity::view);
        if (stored == null) {
            stored = new UserQuotaEntity(override.tenantId(), override.objectId());
            stored.set(override);
            entityManager.persist(stored);
        } else {
            stored.set(override);
        }
        return before;
    }

    @Override
    @Transactional
    public Optional<UserQuota> removeUserOverride(String tenantId, String objectId) {
        UserQuotaEntity stored = entityManager.find(UserQuotaEntity.class, new UserQuotaEntity.Key(tenantId,
                objectId));
        if (stored == null) {
            return Optional.empty();
        }
        entityManager.remove(stored);
        return Optional.of(stored.view());
    }
}
