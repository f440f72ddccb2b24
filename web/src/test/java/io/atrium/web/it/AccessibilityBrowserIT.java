package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.nimbusds.jose.util.JSONArrayUtils;

/**
 * Atrium's pages for employees who use a screen reader, a keyboard only or a dark system theme: axe-core's WCAG 2.1
 * A and AA rules find nothing on any page in either theme, the finished answer is announced, and the chat works
 * without a mouse.
 */
@AtriumIT
class AccessibilityBrowserIT extends ChatInChromium {

    /** axe-core as npm installed it for the build (web/src/test/axe, package-lock.json). */
    private static final Path AXE = Path.of(System.getProperty("atrium.axe",
            "src/test/axe/node_modules/axe-core/axe.min.js"));

    @Test
    void every_page_passes_axes_wcag_rules_in_the_light_and_the_dark_theme() throws Exception {
        assertThat(AXE).as("axe-core, installed by npm ci in web/src/test/axe (the build runs it)").isRegularFile();
        String axe = Files.readString(AXE);
        signInToChat("adam");
        // With a code block, so that the colours highlight.js gives it are checked too (chat.js, the a11y themes).
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("chat:message")),
                "Which **documents** do I need to open an account for a new business customer?\n"
                        + "```java\nvar account = accounts.open(\"business\", 42); // checked\n```");
        clickAndWait("chat:send");
        assertThat(browser.findElements(By.cssSelector(".turn.assistant pre code .hljs-string"))).isNotEmpty();
        String conversation = browser.getCurrentUrl();

        for (String theme : List.of("light", "dark")) {
            colourScheme(theme);
            for (String page : List.of("/index.xhtml", conversation, "/admin/users.xhtml", "/admin/usage.xhtml",
                    "/admin/actions.xhtml", "/admin/feedback.xhtml")) {
                browser.get(page.startsWith("http") ? page : atrium().resolve(page).toString());
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("main")));
                if (page.endsWith("/admin/usage.xhtml")) {
                    // Chart.js came from the WAR under the page's Content-Security-Policy and drew every chart.
                    wait.until(driver -> Boolean.TRUE.equals(browser.executeScript("return !!window.Chart && "
                            + "['tokens-chart', 'refusals-chart', 'top-users-chart'].every(id => "
                            + "Chart.getChart(document.getElementById(id)))")));
                }
                assertThat(violations(axe)).as(theme + " theme, " + page).isEmpty();
                screenshot(page, theme);
            }
        }
    }

    @Test
    void the_page_follows_the_systems_dark_setting() {
        signInToChat("erin");

        colourScheme("dark");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));
        double darkBackground = luminance("body", "background-color");
        double darkText = luminance("body", "color");
        colourScheme("light");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));

        assertThat(darkBackground).isLessThan(0.1);
        assertThat(darkText).isGreaterThan(0.6);
        assertThat(luminance("body", "background-color")).isGreaterThan(0.8);
        assertThat(luminance("#chat\\:message", "background-color")).isGreaterThan(0.8);
    }

    @Test
    void the_finished_answer_is_announced_to_a_screen_reader() {
        signInToChat("erin");
        WebElement announcer = browser.findElement(By.id("answer-announcer"));
        assertThat(announcer.getAttribute("aria-live")).isEqualTo("polite");

        String question = "Read this answer aloud " + Instant.now().toEpochMilli();
        sendAndWait(question);

        assertThat(browser.findElement(By.id("answer-announcer")).getAttribute("textContent"))
                .isEqualTo("The assistant answered: Echo: " + question);
    }

    @Test
    void the_chat_is_used_with_the_keyboard_alone() {
        signInToChat("erin");
        // A fresh load: the keyboard starts at the top of the page.
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));

        // The first Tab reaches the link past the header and the list of conversations; Enter follows it.
        Actions keys = new Actions(browser);
        keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.executeScript("return document.activeElement.id")).isEqualTo("skip-to-message");
        assertThat(browser.findElement(By.id("skip-to-message")).isDisplayed()).as("shown when focused").isTrue();
        keys.sendKeys(Keys.ENTER).perform();
        wait.until(driver -> "chat:message".equals(browser.executeScript("return document.activeElement.id")));
        String question = "Typed without a mouse " + Instant.now().toEpochMilli();
        keys.sendKeys(question).sendKeys(Keys.ENTER).perform();

        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));
        assertThat(browser.findElement(By.cssSelector(".turn.assistant .text")).getText())
                .isEqualTo("Echo: " + question);
        assertThat(browser.executeScript("return document.activeElement.id")).as("focus stays in the message box")
                .isEqualTo("chat:message");
        // The focused control is visibly marked, whichever it is.
        assertThat(browser.executeScript("return getComputedStyle(document.activeElement).outlineStyle"))
                .isNotEqualTo("none");
    }

    /** The rules axe-core runs for WCAG 2.1 A and AA, each violation with the elements it found. */
    private List<String> violations(String axe) throws Exception {
        browser.executeScript(axe);
        Object found = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(result => done(JSON.stringify(result.violations.map(v => v.id + ' (' + v.help + '): '"
                + "+ v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '')).join(' | ')))))"
                + ".catch(e => done(JSON.stringify(['axe failed: ' + e])));");
        return JSONArrayUtils.parse(String.valueOf(found)).stream().map(String::valueOf).toList();
    }

    /** The chat and the usage page as the README shows them (docs/screenshots), kept in target/screenshots. */
    private void screenshot(String page, String theme) throws Exception {
        String name = page.contains("/chat.xhtml") ? "chat" : page.endsWith("/admin/usage.xhtml") ? "usage" : null;
        if (name != null) {
            Path file = Path.of("target", "screenshots", name + "-" + theme + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    private void colourScheme(String scheme) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** The relative luminance (0 black, 1 white) of a colour property of the first element matching css. */
    private double luminance(String css, String property) {
        Object rgb = browser.executeScript("const m = getComputedStyle(document.querySelector(arguments[0]))"
                + ".getPropertyValue(arguments[1]).match(/\\d+(\\.\\d+)?/g).map(Number);"
                + "const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };"
                + "return 0.2126 * c(m[0]) + 0.7152 * c(m[1]) + 0.0722 * c(m[2]);", css, property);
        return ((Number) rgb).doubleValue();
    }

}
