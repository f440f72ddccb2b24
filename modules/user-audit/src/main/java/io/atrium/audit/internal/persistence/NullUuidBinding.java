package io.atrium.audit.internal.persistence;

import java.sql.Types;
import java.util.UUID;

import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Binds a null UUID as an untyped null. EclipseLink binds a null of a type it has no JDBC type for (UUID) as a
 * VARCHAR, which PostgreSQL refuses for a {@code uuid} column ({@code admin_action.target_user_id},
 * {@code login_event.user_id}); {@link Types#OTHER} lets PostgreSQL take the column's type. Named in persistence.xml;
 * applied after login, once the descriptors' fields know their Java types.
 */
public class NullUuidBinding implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        session.getEventManager().addListener(new SessionEventAdapter() {
            @Override
            public void postLogin(SessionEvent event) {
                for (ClassDescriptor descriptor : event.getSession().getDescriptors().values()) {
                    for (DatabaseField field : descriptor.getFields()) {
                        if (field.getType() == UUID.class) {
                            field.setSqlType(Types.OTHER);
                        }
                    }
                }
            }
        });
    }
}
