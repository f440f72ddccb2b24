package io.atrium.web.cluster;

import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import javax.naming.InitialContext;
import javax.naming.NamingException;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;

import io.atrium.identity.events.EmployeeStandingChanged;

/**
 * Carries an administrator's change to an employee (disabled, enabled, a local role) to every other Atrium instance
 * in Payara's data grid, where it is fired again as a {@link Relayed} {@link EmployeeStandingChanged}: each instance
 * then forgets what it cached about the employee and ends the sessions it holds for a disabled one, as the instance
 * that made the change does. Without it another instance would keep a disabled employee's session for up to
 * {@code ATRIUM_SESSION_STANDING_CACHE_SECONDS}.
 *
 * <p>The grid is Payara's own Hazelcast ({@code payara/Hazelcast}). Where there is none (Payara Micro with
 * {@code --nohazelcast}, Payara Server with the data grid disabled) there is only this instance, and changes stay
 * here. The message is a plain string of ids, so no class of Atrium's travels through the grid.
 */
@ApplicationScoped
public class StandingChangeRelay {

    private static final Logger LOG = Logger.getLogger(StandingChangeRelay.class.getName());
    private static final String DATA_GRID = "payara/Hazelcast";
    private static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    static final String TOPIC = "atrium.employee-standing-changes";

    @Inject
    @Relayed
    Event<EmployeeStandingChanged> relayed;

    private volatile ITopic<String> topic;
    private volatile UUID subscription;

    /** Subscribes to the grid's topic, when this instance is in a data grid. */
    void start() {
        HazelcastInstance grid = runningDataGrid();
        if (grid == null) {
            LOG.info("no data grid: changes to employees apply to this instance only");
            return;
        }
        Executor executor;
        try {
            executor = InitialContext.doLookup(MANAGED_EXECUTOR);
        } catch (NamingException e) {
            throw new IllegalStateException("Atrium cannot relay changes to employees: no " + MANAGED_EXECUTOR, e);
        }
        ITopic<String> gridTopic = grid.getTopic(TOPIC);
        // Hazelcast's own event thread knows nothing of the application: the change is applied on a managed thread.
        subscription = gridTopic.addMessageListener(message -> {
            if (!message.getPublishingMember().localMember()) {
                executor.execute(() -> receive(message));
            }
        });
        topic = gridTopic;
        LOG.info(() -> "changes to employees are relayed to the data grid's " + grid.getCluster().getMembers().size()
                + " member(s) through topic " + TOPIC);
    }

    void stop() {
        ITopic<String> gridTopic = topic;
        UUID id = subscription;
        topic = null;
        if (gridTopic != null && id != null) {
            try {
                gridTopic.removeMessageListener(id);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "data grid already gone at shutdown", e);
            }
        }
    }

    /** Only a change made here ({@link Default}) is sent; one relayed from elsewhere is not sent back. */
    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default EmployeeStandingChanged change) {
        ITopic<String> gridTopic = topic;
        if (gridTopic == null) {
            return;
        }
        try {
            gridTopic.publish(StandingChangeMessage.write(change));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "change to oid=" + change.objectId() + " not relayed to the other "
                    + "instances; they see it within ATRIUM_SESSION_STANDING_CACHE_SECONDS");
        }
    }

    private void receive(Message<String> message) {
        try {
            EmployeeStandingChanged change = StandingChangeMessage.read(message.getMessageObject());
            LOG.info(() -> "change to employee oid=" + change.objectId() + " made on another instance, applied here");
            relayed.fire(change);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a change to an employee from another instance could not be applied", e);
        }
    }

    private static HazelcastInstance runningDataGrid() {
        try {
            HazelcastInstance grid = InitialContext.doLookup(DATA_GRID);
            return grid != null && grid.getLifecycleService().isRunning() ? grid : null;
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "no data grid", e);
            return null;
        }
    }
}
