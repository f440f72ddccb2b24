package io.atrium.audit.internal.signin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The employees named in {@code atrium.bootstrap-admins}, who receive a local admin grant at their first sign-in, so
 * that a new installation has an administrator before anyone could grant one. Each is named by the Entra tenant and
 * object id ({@code tenantId/objectId}), the only claims of a token that identify a person for good: a user name or
 * e-mail address can be changed, and given to someone else, by whoever manages the directory, and Microsoft warns
 * against authorizing by them. An entry of any other shape is refused at start-up, not ignored.
 */
@ApplicationScoped
public class BootstrapAdmins {

    private static final String SETTING = "ATRIUM_BOOTSTRAP_ADMINS (atrium.bootstrap-admins)";
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern TENANT_AND_OBJECT_ID = Pattern.compile(GUID + "/" + GUID);
    private static final Pattern OBJECT_ID = Pattern.compile(GUID);

    private final Set<String> admins;
    private final List<String> problems;

    @Inject
    public BootstrapAdmins(@ConfigProperty(name = "atrium.bootstrap-admins") Optional<String> configured) {
        Set<String> admins = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (String entry : configured.orElse("").split(",")) {
            String admin = entry.strip();
            if (admin.isEmpty()) {
                continue;
            }
            if (TENANT_AND_OBJECT_ID.matcher(admin).matches()) {
                admins.add(admin.toLowerCase(Locale.ROOT));
            } else if (admin.contains("@")) {
                problems.add(SETTING + " names '" + admin + "', a user name: name a bootstrap administrator by tenant "
                        + "and object id instead (tenantId/objectId, both on the user's page in the Entra admin "
                        + "center), since user names and e-mail addresses can change hands");
            } else if (OBJECT_ID.matcher(admin).matches()) {
                problems.add(SETTING + " names '" + admin + "', an object id without its tenant: write "
                        + "tenantId/objectId");
            } else {
                problems.add(SETTING + " names '" + admin + "', which is not tenantId/objectId (two GUIDs, such as "
                        + "6f2d3c1e-5b4a-4e3f-9a8b-7c6d5e4f3a2b/5d1c8a7e-2b3f-4e6a-9c0d-8f7e6a5b4c3d)");
            }
        }
        this.admins = Set.copyOf(admins);
        this.problems = List.copyOf(problems);
    }

    /** For CDI's proxy. */
    protected BootstrapAdmins() {
        this.admins = Set.of();
        this.problems = List.of();
    }

    /** Whether the setting names this employee; Entra writes GUIDs in lower case, an operator may copy them in upper. */
    public boolean includes(String tenantId, String objectId) {
        return tenantId != null && objectId != null
                && admins.contains((tenantId + "/" + objectId).toLowerCase(Locale.ROOT));
    }

    /** Each entry that names nobody by tenant and object id, as a sentence naming the setting and the entry. */
    public List<String> problems() {
        return problems;
    }
}
