package io.atrium.web.it;

import java.io.File;
import java.net.URI;
import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that Maven built, deployed as it is, tested from outside like a browser or another program would. */
public abstract class AtriumDeployment {

    @ArquillianResource
    private URL deployed;

    @Deployment(testable = false)
    public static WebArchive war() {
        File war = new File(System.getProperty("atrium.war", "target/atrium.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("No WAR at " + war.getAbsolutePath() + ": run the tests through Maven (./mvnw verify)");
        }
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    /**
     * Atrium's base URL on loopback. Payara Micro reports the machine's host name, which must never be a test's
     * target, so only the port is taken from it.
     */
    protected URI atrium() {
        return URI.create("http://localhost:" + deployed.getPort() + "/");
    }
}
