package io.atrium.web.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts a {@link RequestIdHandler} in front of each of the JVM's root log handlers while Atrium is deployed, so every
 * line logged while serving a request carries its id, in the format {@code ATRIUM_LOG_FORMAT} asks for. Undeploying
 * gives the server its handlers back as they were. Lines Payara writes before Atrium is deployed keep Payara's format.
 */
@WebListener
public class LogFormatInstaller implements ServletContextListener {

    public static final String TEXT = "text";
    public static final String JSON = "json";

    private static final Logger LOG = Logger.getLogger(LogFormatInstaller.class.getName());

    @Inject
    @ConfigProperty(name = "atrium.log.format", defaultValue = TEXT)
    String format;

    private final List<RequestIdHandler> installed = new ArrayList<>();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        boolean json = JSON.equalsIgnoreCase(format.strip());
        Logger root = Logger.getLogger("");
        synchronized (root) {
            for (Handler handler : root.getHandlers()) {
                if (handler instanceof RequestIdHandler) {
                    continue;
                }
                RequestIdHandler front = json ? RequestIdHandler.json(handler) : RequestIdHandler.text(handler);
                root.removeHandler(handler);
                root.addHandler(front);
                installed.add(front);
            }
        }
        LOG.info(() -> "log lines carry request ids, format " + (json ? JSON : TEXT));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Logger root = Logger.getLogger("");
        synchronized (root) {
            for (RequestIdHandler front : installed) {
                root.removeHandler(front);
                front.restoreTarget();
                root.addHandler(front.target());
            }
            installed.clear();
        }
    }
}
