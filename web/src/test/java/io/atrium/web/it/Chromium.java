package io.atrium.web.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Missing browser or driver is a failure, not a
 * skip: {@code .ci/run} installs both.
 */
public final class Chromium {

    private static final File BROWSER = new File(System.getProperty("atrium.chromium", "/usr/bin/chromium"));
    private static final File DRIVER = new File(System.getProperty("atrium.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    public static ChromeDriver start() throws Exception {
        if (!BROWSER.canExecute() || !DRIVER.canExecute()) {
            throw new IllegalStateException("Headless browser tests need Debian's chromium and chromium-driver at "
                    + BROWSER + " and " + DRIVER + " (apt-get install chromium chromium-driver)");
        }
        Path profile = Files.createTempDirectory("atrium-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                        "--user-data-dir=" + profile,
                        // The Entra stand-in's certificate is self-signed; the app itself trusts it by truststore.
                        "--ignore-certificate-errors");
        // The console, where Chromium reports what a Content-Security-Policy refused.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build();
        return new ChromeDriver(service, options);
    }
}
