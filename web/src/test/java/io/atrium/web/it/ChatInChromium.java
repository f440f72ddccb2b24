package io.atrium.web.it;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser tests of the chat page: a fresh headless Chromium per test, signed in with a demo account at the
 * Entra stand-in, typing into the page as an employee does.
 */
abstract class ChatInChromium extends AtriumDeployment {

    static final By STATUS = By.id("reply-status");

    protected ChromeDriver browser;
    protected WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.pollingEvery(Duration.ofMillis(50));
        // Faces' Ajax replaces what it renders: an element found a moment ago may be gone when it is read.
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Opens the chat page, which sends the browser to Entra, and signs in there as {@code account}. */
    void signInToChat(String account) {
        browser.get(atrium().resolve("/chat.xhtml").toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("signin-" + account))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));
    }

    /** Types the message and presses Send, without waiting for the answer. */
    void send(String message) {
        WebElement box = browser.findElement(By.id("chat:message"));
        box.clear();
        box.sendKeys(message);
        click("chat:send");
    }

    /** Clicks a button of the page, the status line emptied first so that the next status is this click's. */
    void click(String id) {
        browser.executeScript("document.getElementById('reply-status').textContent = ''");
        browser.findElement(By.id(id)).click();
    }

    void clickAndWait(String id) {
        click(id);
        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));
    }

    void sendAndWait(String message) {
        send(message);
        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));
    }

    List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
