package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.Fault;
import io.atrium.standins.openai.ReceivedRequest;

/**
 * The chat page in headless Chromium: the answer appears while Azure OpenAI writes it, Stop stops it (and the call to
 * Azure), Markdown is rendered but an answer carrying script stays inert, and the employee moves between their
 * conversations.
 */
@AtriumIT
class ChatBrowserIT extends ChatInChromium {

    private static final By STREAMING_TEXT = By.cssSelector(".turn.assistant.streaming .text");

    @Test
    void the_answer_appears_piece_by_piece_and_ends_as_rendered_markdown() {
        signInToChat("erin");
        assertThat(browser.findElement(By.id("allowance")).getText()).isEqualTo(allowanceOf(DemoAccount.ERIN));
        openAi().failNext(Fault.slowEvents(Duration.ofMillis(250)));

        send("**Quarterly** figures for the north region please");

        String partial = wait.until(driver -> {
            List<WebElement> streaming = driver.findElements(STREAMING_TEXT);
            return streaming.isEmpty() || streaming.get(0).getText().isEmpty() ? null : streaming.get(0).getText();
        });
        String whole = "Echo: **Quarterly** figures for the north region please";
        assertThat(whole).startsWith(partial);
        assertThat(partial).as("shown before the answer was complete").isNotEqualTo(whole);
        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));
        WebElement answer = browser.findElement(By.cssSelector(".turn.assistant .text"));
        assertThat(answer.findElement(By.tagName("strong")).getText()).isEqualTo("Quarterly");
        assertThat(answer.getText()).isEqualTo("Echo: Quarterly figures for the north region please");
        assertThat(browser.findElements(By.cssSelector(".turn.streaming"))).isEmpty();
        assertThat(browser.findElement(By.id("chat:send")).isEnabled()).isTrue();
        assertThat(browser.findElement(By.id("allowance")).getText()).as("what the answer used is counted at once")
                .isEqualTo(allowanceOf(DemoAccount.ERIN));
    }

    /** An employee's 50 000 tokens a day less what the usage ledger holds for today. */
    private static String allowanceOf(DemoAccount account) {
        long used = Database.count("SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM ai_usage "
                + "WHERE object_id = ? AND usage_day = (now() AT TIME ZONE 'UTC')::date", account.oid());
        return String.format(java.util.Locale.UK, "%,d of 50,000 tokens left today; renewed at midnight (UTC).",
                50_000 - used);
    }

    @Test
    void stop_ends_the_answer_with_what_arrived_cancels_the_call_to_azure_and_keeps_the_message() {
        String oid = DemoAccount.ERIN.oid();
        long cancelledBefore = Database.count("SELECT count(*) FROM ai_usage WHERE object_id = ? AND outcome = "
                + "'cancelled' AND streamed", oid);
        long abandonedBefore = openAi().abandonedStreams();
        signInToChat("erin");
        openAi().failNext(Fault.slowEvents(Duration.ofMillis(400)));
        String question = "Please list every branch we have in the north region with its opening hours and the "
                + "name of the manager and the phone number and the address " + Instant.now().toEpochMilli();

        send(question);
        wait.until(driver -> driver.findElements(STREAMING_TEXT).stream().anyMatch(text -> !text.getText().isEmpty()));
        browser.findElement(By.id("chat:stop")).click();

        wait.until(ExpectedConditions.textToBe(STATUS, "Answer stopped."));
        WebElement answer = browser.findElement(By.cssSelector(".turn.assistant"));
        assertThat(answer.findElement(By.className("note")).getText())
                .isEqualTo("You stopped this answer; it is incomplete.");
        String shown = answer.findElement(By.className("text")).getText();
        assertThat(shown).startsWith("Echo:").isNotEqualTo("Echo: " + question);
        assertThat(("Echo: " + question)).startsWith(shown);
        assertThat(browser.findElement(By.cssSelector(".turn.user .text")).getText()).isEqualTo(question);
        eventually(() -> openAi().abandonedStreams() > abandonedBefore, "the call to Azure OpenAI was cut");
        eventually(() -> Database.count("SELECT count(*) FROM ai_usage WHERE object_id = ? AND outcome = "
                + "'cancelled' AND streamed AND finish_reason = 'cancelled'", oid) == cancelledBefore + 1,
                "the stopped call is in the usage ledger");
        assertThat(Database.text("SELECT m.content FROM ai_message m JOIN ai_message u ON u.conversation_id = "
                + "m.conversation_id AND u.position = m.position - 1 WHERE u.content = ? AND m.role = 'assistant'",
                question)).as("what the employee saw is saved after their message").isEqualTo(shown);
    }

    @Test
    void a_filtered_answer_is_withdrawn_and_the_employee_reads_which_category_and_how_severe() {
        signInToChat("erin");
        openAi().failNext(Fault.completionFiltered());

        send("Tell me a story " + Instant.now().toEpochMilli());

        wait.until(ExpectedConditions.textToBe(STATUS, "Azure's content filter stopped the answer: it found "
                + "violence (high severity). Please rephrase your message."));
        assertThat(browser.findElements(By.cssSelector(".turn.assistant"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".turn.user"))).hasSize(1);
    }

    @Test
    void a_conversation_too_long_for_the_model_is_answered_from_its_newest_part_and_the_page_says_so() {
        String conversation = UUID.randomUUID().toString();
        // Six long turns of Erin's, about 2 500 tokens each: more than the 8 000 a deployment is given by default.
        Database.execute("INSERT INTO ai_conversation (id, tenant_id, object_id, title, created_at, updated_at) "
                + "VALUES (?::uuid, ?, ?, 'A long one', now(), now())", conversation,
                AtriumStack.peers().entra().tenantId(), DemoAccount.ERIN.oid());
        Database.execute("INSERT INTO ai_message (conversation_id, position, role, content, created_at) "
                + "SELECT ?::uuid, i - 1, CASE WHEN i % 2 = 1 THEN 'user' ELSE 'assistant' END, "
                + "'Paragraph ' || i || ': ' || repeat('lorem ipsum dolor sit amet ', 500), now() "
                + "FROM generate_series(1, 6) AS i", conversation);
        browser.get(atrium().resolve("/chat.xhtml").toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("signin-erin"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));
        browser.get(atrium().resolve("/chat.xhtml?c=" + conversation).toString());
        wait.until(ExpectedConditions.textToBe(By.id("title"), "A long one"));

        send("And in one sentence?");

        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));
        List<String> notes = texts(".turn.assistant .note");
        assertThat(notes).singleElement().asString()
                .matches("This answer did not see the [2-5] oldest messages of the conversation: with them it is "
                        + "longer than the model is given at once\\. Start a new conversation to begin afresh\\.");
        List<ReceivedRequest> received = openAi().received();
        String sent = received.get(received.size() - 1).body();
        assertThat(sent).contains("Paragraph 6: ", "Paragraph 5: ", "And in one sentence?")
                .doesNotContain("Paragraph 1: ");
        assertThat(Database.count("SELECT count(*) FROM ai_message WHERE conversation_id = ?::uuid", conversation))
                .as("nothing stored is lost").isEqualTo(8);
    }

    @Test
    void the_last_answer_is_written_again_the_last_question_edited_and_an_answer_copied() {
        signInToChat("erin");
        String first = "How do I order a new laptop " + Instant.now().toEpochMilli();
        sendAndWait(first);
        String conversation = browser.findElement(By.id("reply-marker")).getAttribute("data-conversation");
        int sent = openAi().received().size();

        clickAndWait("chat:regenerate");

        assertThat(openAi().received()).as("asked again").hasSize(sent + 1);
        assertThat(texts(".turn .text")).containsExactly(first, "Echo: " + first);
        assertThat(Database.count("SELECT count(*) FROM ai_message WHERE conversation_id = ?::uuid", conversation))
                .as("the new answer replaced the old one").isEqualTo(2);

        click("chat:edit");
        wait.until(ExpectedConditions.textToBePresentInElementValue(By.id("chat:message"), first));
        assertThat(browser.findElement(By.id("editing")).getText()).contains("Send replaces it");
        sendAndWait("How do I order a new phone?");

        assertThat(texts(".turn .text")).containsExactly("How do I order a new phone?",
                "Echo: How do I order a new phone?");
        assertThat(Database.texts("SELECT content FROM ai_message WHERE conversation_id = ?::uuid ORDER BY position",
                conversation)).containsExactly("How do I order a new phone?", "Echo: How do I order a new phone?");
        assertThat(browser.findElements(By.id("editing"))).isEmpty();

        String origin = atrium().resolve("/").toString().replaceAll("/$", "");
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.findElement(By.cssSelector(".turn.assistant button.copy")).click();
        wait.until(ExpectedConditions.textToBe(STATUS, "Answer copied."));
        assertThat(browser.executeAsyncScript("navigator.clipboard.readText().then(arguments[arguments.length - 1])"))
                .isEqualTo("Echo: How do I order a new phone?");
    }

    @Test
    void an_employee_rates_an_answer_with_a_comment_and_administrators_read_it_without_the_conversation()
            throws Exception {
        signInToChat("erin");
        String question = "Which form books a meeting room " + Instant.now().toEpochMilli();
        sendAndWait(question);
        String conversation = browser.findElement(By.id("reply-marker")).getAttribute("data-conversation");
        By bad = By.cssSelector(".turn.assistant .feedback button[data-rating='bad']");
        assertThat(browser.findElement(By.cssSelector(".turn.assistant .feedback-comment")).isDisplayed())
                .as("the comment box waits for a rating").isFalse();

        browser.findElement(bad).click();
        wait.until(ExpectedConditions.textToBe(STATUS, "Thank you, your rating is saved."));
        assertThat(browser.findElement(bad).getAttribute("aria-pressed")).isEqualTo("true");
        WebElement comment = browser.findElement(By.cssSelector(".turn.assistant .feedback-comment textarea"));
        comment.sendKeys("It named a <b>form</b> that does not exist.");
        browser.findElement(By.cssSelector(".turn.assistant .send-comment")).click();
        wait.until(ExpectedConditions.textToBe(STATUS, "Thank you, your comment is saved."));

        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(bad));
        assertThat(browser.findElement(bad).getAttribute("aria-pressed")).as("kept after a reload").isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector(".turn.assistant .feedback button[data-rating='good']"))
                .getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(browser.findElement(By.cssSelector(".turn.assistant .feedback-comment textarea"))
                .getAttribute("value")).isEqualTo("It named a <b>form</b> that does not exist.");

        // A post without the page's token (what another site could forge) changes nothing.
        Object forged = browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('conversation').getAttribute('data-feedback'), {method: 'POST',"
                + " body: new URLSearchParams({c: arguments[0], position: '1', rating: 'good'})})"
                + ".then(function (r) { return r.json().then(function (b) { done(r.status + ' ' + b.message); }); });",
                conversation);
        assertThat(forged).isEqualTo("403 This page is out of date: reload it to rate answers.");
        assertThat(Database.texts("SELECT rating FROM ai_answer_feedback f JOIN ai_message m ON m.id = f.message_id "
                + "WHERE m.conversation_id = ?::uuid", conversation)).containsExactly("bad");

        ChromeDriver admin = Chromium.start();
        try {
            admin.get(atrium().resolve("/admin/feedback.xhtml?rating=bad").toString());
            wait(admin).until(ExpectedConditions.elementToBeClickable(By.id("signin-adam"))).click();
            wait(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("latest")));
            String page = admin.findElement(By.id("latest")).getText();
            assertThat(page).contains(DemoAccount.ERIN.displayName()).contains("Bad")
                    .contains("It named a <b>form</b> that does not exist.");
            assertThat(admin.getPageSource()).doesNotContain(question).doesNotContain("Echo: ");
            assertThat(admin.findElements(By.cssSelector("#latest b"))).as("the comment is text, not markup")
                    .isEmpty();
        } finally {
            admin.quit();
        }
    }

    @Test
    void code_in_an_answer_is_coloured_by_highlight_js_served_from_atrium_after_streaming_and_after_a_reload() {
        signInToChat("erin");
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("chat:message")),
                "Like this:\n```java\npublic static void main(String[] args) { return; }\n```");
        click("chat:send");
        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));

        By keyword = By.cssSelector(".turn.assistant pre code.language-java .hljs-keyword");
        assertThat(texts(".turn.assistant pre code.language-java .hljs-keyword")).contains("public", "static", "void",
                "return");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(keyword));
        assertThat(browser.findElement(By.cssSelector(".turn.assistant pre code")).getText())
                .isEqualTo("public static void main(String[] args) { return; }");
        assertThat(browser.findElement(By.cssSelector(".turn.assistant .feedback-comment")).isDisplayed())
                .as("no comment box under an answer not rated yet").isFalse();
        assertThat(browser.findElements(By.cssSelector("script[src]"))).extracting(e -> e.getAttribute("src"))
                .as("every script from Atrium itself, none from a CDN")
                .allMatch(src -> src.startsWith(atrium().resolve("/").toString()));
    }

    @Test
    void script_in_the_answer_stays_inert_while_streaming_and_after_a_reload() {
        signInToChat("erin");
        String payload = "<img src=x onerror=\"window.xss=1\"> <script>window.xss=2</script> "
                + "[click me](javascript:window.xss=3) <a href=\"javascript:window.xss=4\" onmouseover=\"window.xss=5\">"
                + "raw</a> <svg onload=\"window.xss=6\"></svg>";

        send(payload);
        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));

        assertInert();
        assertThat(browser.findElement(By.cssSelector(".turn.assistant .text")).getText())
                .contains("<img src=x onerror=\"window.xss=1\">").contains("<script>window.xss=2</script>");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".turn.assistant .text")));
        assertThat(browser.getCurrentUrl()).contains("chat.xhtml?c=");
        assertInert();
    }

    @Test
    void the_employee_starts_a_new_conversation_and_switches_back_to_an_earlier_one() {
        signInToChat("adam");
        String alpha = "Alpha question " + Instant.now().toEpochMilli();
        String beta = "Beta question " + Instant.now().toEpochMilli();
        send(alpha);
        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));

        browser.findElement(By.id("new-conversation")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));
        assertThat(browser.findElements(By.cssSelector(".turn"))).isEmpty();
        send(beta);
        wait.until(ExpectedConditions.textToBe(STATUS, "Answer complete."));
        assertThat(texts(".turn .text")).containsExactly(beta, "Echo: " + beta);
        assertThat(texts(".conversations a.conversation-link")).contains(alpha, beta);

        browser.findElement(By.linkText(alpha)).click();

        wait.until(ExpectedConditions.textToBe(By.id("title"), alpha));
        assertThat(texts(".turn .text")).containsExactly(alpha, "Echo: " + alpha);
        assertThat(browser.findElement(By.cssSelector(".conversations li.current a")).getText()).isEqualTo(alpha);
    }

    private static WebDriverWait wait(ChromeDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    private void assertInert() {
        assertThat(browser.executeScript("return typeof window.xss")).isEqualTo("undefined");
        assertThat(browser.findElements(By.cssSelector("#conversation img, #conversation script, #conversation svg, "
                + "#conversation [onerror], #conversation [onmouseover], #conversation a[href^='javascript']")))
                .isEmpty();
        // Hovering and clicking what is there does nothing either.
        for (WebElement link : browser.findElements(By.cssSelector("#conversation .turn.assistant a"))) {
            assertThat(link.getAttribute("rel")).isEqualTo("noopener noreferrer nofollow");
            new org.openqa.selenium.interactions.Actions(browser).moveToElement(link).perform();
        }
        assertThat(browser.executeScript("return typeof window.xss")).isEqualTo("undefined");
    }

    /** Waits for something outside the browser (the stand-in, the database) with a deadline, never a fixed sleep. */
    private static void eventually(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 20 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    private static AzureOpenAiStandIn openAi() {
        return AtriumStack.peers().openAi();
    }
}
