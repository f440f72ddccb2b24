package io.atrium.web.cluster;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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

import io.atrium.identity.events.EmployeeStandingChanged;
import io.atrium.identity.events.EntraSignedOut;

/**
 * Carries to every other Atrium instance in Payara's data grid what must apply on all of them at once, where each is
 * fired again as a {@link Relayed} event:
 * <ul>
 *   <li>an administrator's change to an employee (disabled, enabled, a local role), {@link EmployeeStandingChanged}:
 *   each instance forgets what it cached about the employee and ends the sessions it holds for a disabled one;
 *   without the relay another instance would keep a disabled employee's session for up to
 *   {@code ATRIUM_SESSION_STANDING_CACHE_SECONDS};</li>
 *   <li>a sign-out at Entra that reached one instance, {@link EntraSignedOut}: each ends its sessions of that Entra
 *   session; without the relay the others would keep theirs until they expire.</li>
 * </ul>
 *
 * <p>The grid is Payara's own Hazelcast ({@code payara/Hazelcast}). Where there is none (Payara Micro with
 * {@code --nohazelcast}, Payara Server with the data grid disabled) there is only this instance, and events stay
 * here. Messages are plain strings of ids, so no class of Atrium's travels through the grid.
 */
@ApplicationScoped
public class DataGridRelay {

    private static final Logger LOG = Logger.getLogger(DataGridRelay.class.getName());
    private static final String DATA_GRID = "payara/Hazelcast";
    private static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    static final String STANDING_CHANGES = "atrium.employee-standing-changes";
    static final String SIGN_OUTS = "atrium.entra-sign-outs";

    @Inject
    @Relayed
    Event<EmployeeStandingChanged> relayedChanges;

    @Inject
    @Relayed
    Event<EntraSignedOut> relayedSignOuts;

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile ITopic<String> changes;
    private volatile ITopic<String> signOuts;

    /** Subscribes to the grid's topics, when this instance is in a data grid. */
    void start() {
        HazelcastInstance grid = runningDataGrid();
        if (grid == null) {
            LOG.info("no data grid: changes to employees and sign-outs at Entra apply to this instance only");
            return;
        }
        Executor executor;
        try {
            executor = InitialContext.doLookup(MANAGED_EXECUTOR);
        } catch (NamingException e) {
            throw new IllegalStateException("Atrium cannot relay changes to employees: no " + MANAGED_EXECUTOR, e);
        }
        changes = subscribe(grid, STANDING_CHANGES, executor, this::receiveChange);
        signOuts = subscribe(grid, SIGN_OUTS, executor, this::receiveSignOut);
        LOG.info(() -> "changes to employees and sign-outs at Entra are relayed to the data grid's "
                + grid.getCluster().getMembers().size() + " member(s) through topics " + STANDING_CHANGES + " and "
                + SIGN_OUTS);
    }

    private ITopic<String> subscribe(HazelcastInstance grid, String name, Executor executor,
                                     Consumer<String> receiver) {
        ITopic<String> topic = grid.getTopic(name);
        // Hazelcast's own event thread knows nothing of the application: the event is applied on a managed thread.
        UUID id = topic.addMessageListener(message -> {
            if (!message.getPublishingMember().localMember()) {
                executor.execute(() -> receiver.accept(message.getMessageObject()));
            }
        });
        subscriptions.add(new Subscription(topic, id));
        return topic;
    }

    void stop() {
        changes = null;
        signOuts = null;
        for (Subscription subscription : subscriptions) {
            try {
                subscription.topic().removeMessageListener(subscription.id());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "data grid already gone at shutdown", e);
            }
        }
        subscriptions.clear();
    }

    /** Only a change made here ({@link Default}) is sent; one relayed from elsewhere is not sent back. */
    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default EmployeeStandingChanged change) {
        ITopic<String> topic = changes;
        if (topic == null) {
            return;
        }
        try {
            topic.publish(StandingChangeMessage.write(change));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "change to oid=" + change.objectId() + " not relayed to the other "
                    + "instances; they see it within ATRIUM_SESSION_STANDING_CACHE_SECONDS");
        }
    }

    /** Only a sign-out that reached this instance ({@link Default}) is sent on. */
    void publish(@Observes @Default EntraSignedOut signOut) {
        ITopic<String> topic = signOuts;
        if (topic == null) {
            return;
        }
        try {
            topic.publish(SignOutMessage.write(signOut));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "sign-out at Entra not relayed to the other instances; their sessions of "
                    + "it last until they expire");
        }
    }

    private void receiveChange(String message) {
        try {
            EmployeeStandingChanged change = StandingChangeMessage.read(message);
            LOG.info(() -> "change to employee oid=" + change.objectId() + " made on another instance, applied here");
            relayedChanges.fire(change);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a change to an employee from another instance could not be applied", e);
        }
    }

    private void receiveSignOut(String message) {
        try {
            EntraSignedOut signOut = SignOutMessage.read(message);
            LOG.info("sign-out at Entra received by another instance, applied here");
            relayedSignOuts.fire(signOut);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a sign-out at Entra from another instance could not be applied", e);
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

    private record Subscription(ITopic<String> topic, UUID id) {
    }
}
