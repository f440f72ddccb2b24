package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.atrium.standins.entra.DemoAccount;

/**
 * An employee's conversations in headless Chromium, as they look after them every day: renamed, pinned to the top,
 * found again by a word from the title or the messages, paged past the first hundred, deleted after a confirmation;
 * and Enter sends while Shift+Enter starts a new line.
 */
@AtriumIT
class ConversationsBrowserIT extends ChatInChromium {

    private final String run = Long.toString(Instant.now().toEpochMilli(), 36);

    @Test
    void a_conversation_is_renamed_pinned_found_by_its_words_and_deleted_after_confirmation() {
        signInToChat("adam");
        sendAndWait("Mortgage rates " + run + " for first-time buyers");
        String mortgage = currentConversation();
        browser.findElement(By.id("new-conversation")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));
        sendAndWait("Canteen menu " + run);

        // Renaming the open conversation changes its heading and its name in the list, without a reload.
        WebElement title = browser.findElement(By.id("rename:new-title"));
        title.clear();
        title.sendKeys("  Lunch <b>" + run + "</b>  ");
        browser.findElement(By.id("rename:button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("title"), "Lunch <b>" + run + "</b>"));
        assertThat(listed()).startsWith("Lunch <b>" + run + "</b>", "Mortgage rates " + run + " for first-time buyers");
        title = browser.findElement(By.id("rename:new-title"));
        title.clear();
        browser.findElement(By.id("rename:button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation-tools"),
                "A conversation needs a title."));
        assertThat(Database.text("SELECT title FROM ai_conversation WHERE id = ?::uuid", currentConversation()))
                .isEqualTo("Lunch <b>" + run + "</b>");

        // Pinning the older one puts it first, marked; the mark's words are there for a screen reader.
        browser.findElement(By.linkText("Mortgage rates " + run + " for first-time buyers")).click();
        wait.until(ExpectedConditions.textToBe(By.id("title"), "Mortgage rates " + run + " for first-time buyers"));
        browser.findElement(By.id("pin:button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("pin:button"), "value", "Unpin"));
        WebElement first = browser.findElement(By.cssSelector(".conversations li"));
        assertThat(first.findElement(By.cssSelector("a")).getText())
                .isEqualTo("Mortgage rates " + run + " for first-time buyers");
        assertThat(first.findElement(By.cssSelector(".pinned")).getAttribute("aria-label")).isEqualTo("Pinned");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.id("pin:button"), "value", "Unpin"));

        // Search: the assistant's words count, case does not, and markup in a query is shown as typed.
        search("FIRST-TIME");
        assertThat(listed()).containsExactly("Mortgage rates " + run + " for first-time buyers");
        search("echo: canteen menu " + run);
        assertThat(listed()).containsExactly("Lunch <b>" + run + "</b>");
        search("<b>" + run);
        assertThat(browser.findElement(By.id("found")).getText()).startsWith("Conversations with “<b>" + run + "”");
        search("nothing-like-this-" + run);
        assertThat(browser.findElement(By.id("no-conversations")).getText())
                .isEqualTo("No conversation of yours has these words.");
        browser.findElement(By.id("show-all")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Lunch <b>" + run + "</b>")));

        // Delete asks first; declining keeps everything.
        browser.findElement(By.linkText("Lunch <b>" + run + "</b>")).click();
        wait.until(ExpectedConditions.textToBe(By.id("title"), "Lunch <b>" + run + "</b>"));
        String lunch = currentConversation();
        browser.findElement(By.id("delete:button")).click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(Database.count("SELECT count(*) FROM ai_conversation WHERE id = ?::uuid", lunch)).isEqualTo(1);
        browser.findElement(By.id("delete:button")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat:messages"),
                "Deleted the conversation “Lunch <b>" + run + "</b>”."));
        assertThat(browser.getCurrentUrl()).doesNotContain("c=");
        assertThat(listed()).doesNotContain("Lunch <b>" + run + "</b>")
                .contains("Mortgage rates " + run + " for first-time buyers");
        assertThat(Database.count("SELECT count(*) FROM ai_conversation WHERE id = ?::uuid", lunch)).isZero();
        assertThat(Database.count("SELECT count(*) FROM ai_message WHERE conversation_id = ?::uuid", lunch)).isZero();
        assertThat(Database.count("SELECT count(*) FROM ai_conversation WHERE id = ?::uuid", mortgage)).isEqualTo(1);
    }

    @Test
    void past_the_first_hundred_older_conversations_are_a_page_away_and_a_search_pages_too() {
        String oid = DemoAccount.OLIVIA.oid();
        String tenant = AtriumStack.peers().entra().tenantId();
        // 105 conversations of Olivia's, one a minute in the past, oldest "Archive 104"; made here, not by hand.
        Database.execute("INSERT INTO ai_conversation (id, tenant_id, object_id, title, created_at, updated_at) "
                + "SELECT gen_random_uuid(), ?, ?, 'Archive ' || i || ' " + run + "', now() - i * interval '1 minute', "
                + "now() - i * interval '1 minute' FROM generate_series(0, 104) AS i", tenant, oid);
        try {
            signInToChat("olivia");
            search(run);
            assertThat(listed()).hasSize(100).startsWith("Archive 0 " + run).endsWith("Archive 99 " + run);
            assertThat(browser.findElements(By.id("newer"))).isEmpty();

            browser.findElement(By.id("older")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("newer")));
            assertThat(listed()).containsExactly("Archive 100 " + run, "Archive 101 " + run, "Archive 102 " + run,
                    "Archive 103 " + run, "Archive 104 " + run);
            assertThat(browser.findElements(By.id("older"))).isEmpty();
            assertThat(browser.getCurrentUrl()).contains("page=1").contains("q=" + run);
            browser.findElement(By.linkText("Archive 102 " + run)).click();
            wait.until(ExpectedConditions.textToBe(By.id("title"), "Archive 102 " + run));
            assertThat(listed()).as("the list stays where the employee was").hasSize(5);
            browser.get(atrium().resolve("/chat.xhtml?page=not-a-number").toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));
            assertThat(listed()).hasSize(100);
        } finally {
            Database.execute("DELETE FROM ai_conversation WHERE object_id = ? AND title LIKE ?", oid, "% " + run);
        }
    }

    @Test
    void enter_sends_the_message_and_shift_enter_starts_a_new_line() {
        signInToChat("erin");
        WebElement box = browser.findElement(By.id("chat:message"));

        box.sendKeys("Two lines " + run, Keys.chord(Keys.SHIFT, Keys.ENTER), "second line");
        assertThat(browser.findElements(By.cssSelector(".turn"))).isEmpty();
        box.sendKeys(Keys.ENTER);

        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));
        assertThat(browser.findElement(By.cssSelector(".turn.user .text")).getText())
                .isEqualTo("Two lines " + run + "\nsecond line");
    }

    private void search(String text) {
        WebElement box = browser.findElement(By.id("search-text"));
        box.clear();
        box.sendKeys(text);
        browser.findElement(By.id("search-button")).click();
        wait.until(ExpectedConditions.urlContains("q=" + URLEncoder.encode(text, StandardCharsets.UTF_8)));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));
    }

    private String currentConversation() {
        String id = browser.findElement(By.id("reply-marker")).getAttribute("data-conversation");
        return UUID.fromString(id).toString();
    }

    private List<String> listed() {
        return browser.findElements(By.cssSelector(".conversations a.conversation-link")).stream()
                .map(WebElement::getText).toList();
    }
}
