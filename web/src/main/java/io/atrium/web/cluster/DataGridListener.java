package io.atrium.web.cluster;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Joins the data grid relay (changes to employees, sign-outs at Entra) once the application has its naming context, and leaves it at undeploy. */
@WebListener
public class DataGridListener implements ServletContextListener {

    @Inject
    DataGridRelay relay;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        relay.start();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        relay.stop();
    }
}
