package io.atrium.audit.internal.signin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The employees named in {@code atrium.bootstrap-admins} (object ids or user names), who receive a local admin grant
 * at their first sign-in, so that a new installation has an administrator before anyone could grant one.
 */
@ApplicationScoped
public class BootstrapAdmins {

    private final Set<String> names;

    @Inject
    public BootstrapAdmins(@ConfigProperty(name = "atrium.bootstrap-admins") Optional<String> configured) {
        this.names = Arrays.stream(configured.orElse("").split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** For CDI's proxy. */
    protected BootstrapAdmins() {
        this.names = Set.of();
    }

    public boolean includes(String objectId, String username) {
        return objectId != null && names.contains(objectId.toLowerCase(Locale.ROOT))
                || username != null && names.contains(username.toLowerCase(Locale.ROOT));
    }
}
