package io.atrium.web.it;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.atrium.standins.entra.DemoAccount;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people in two real browsers: Adam administers, Erin works. What Adam does on the admin pages reaches Erin at
 * her next page.
 */
@AtriumIT
class AdminBrowserIT extends AtriumDeployment {

    private ChromeDriver adam;
    private ChromeDriver erin;

    @BeforeEach
    void bothSignIn() throws Exception {
        Database.execute("UPDATE app_user SET status = 'active' WHERE object_id = ?", DemoAccount.ERIN.oid());
        erin = Chromium.start();
        adam = Chromium.start();
        signIn(erin, "erin");
        signIn(adam, "adam");
    }

    @AfterEach
    void closeBrowsers() {
        for (ChromeDriver browser : new ChromeDriver[]{adam, erin}) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void an_admin_grants_a_role_and_the_employee_sees_it_on_her_next_page() {
        assertThat(roles(erin)).doesNotContain("auditor");
        openErinsPage();

        adam.findElement(By.id("manage:role")).sendKeys("auditor");
        adam.findElement(By.id("manage:reason")).sendKeys("quarterly audit");
        adam.findElement(By.id("manage:grant")).click();
        waitFor(adam).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
                "Role auditor granted."));

        erin.get(atrium().toString());
        assertThat(roles(erin)).contains("auditor");

        adam.findElement(By.id("manage:reason")).sendKeys("audit done");
        adam.findElement(By.xpath("//table[@id='manage:roles']//tr[td[1][text()='auditor']]//input[@type='submit']"))
                .click();
        waitFor(adam).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
                "Role auditor revoked."));
        erin.get(atrium().toString());
        assertThat(roles(erin)).doesNotContain("auditor");
    }

    @Test
    void an_admin_disables_a_signed_in_employee_whose_session_ends_and_whose_sign_in_is_refused() {
        openErinsPage();

        adam.findElement(By.id("manage:reason")).sendKeys("left the bank");
        adam.findElement(By.id("manage:disable")).click();
        waitFor(adam).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "disabled"));

        // Her session ended when Adam disabled her: the next page sends her to sign in, and Atrium refuses it.
        erin.findElement(By.id("nav-chat")).click();
        waitFor(erin).until(ExpectedConditions.elementToBeClickable(By.id("signin-erin"))).click();
        waitFor(erin).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
                "Your Atrium account is disabled"));

        adam.findElement(By.id("manage:reason")).sendKeys("came back");
        adam.findElement(By.id("manage:enable")).click();
        waitFor(adam).until(ExpectedConditions.textToBe(By.id("status"), "active"));
    }

    @Test
    void an_admin_sets_a_roles_quota_and_an_employees_own_allowance_which_her_chat_page_shows_and_the_log_keeps() {
        try {
            adam.get(atrium().resolve("/admin/quotas.xhtml").toString());
            adam.findElement(By.id("quotas:role")).sendKeys("employee");
            adam.findElement(By.id("quotas:tokens")).sendKeys("seventy");
            adam.findElement(By.id("quotas:reason")).sendKeys("pilot group");
            adam.findElement(By.id("quotas:set")).click();
            waitFor(adam).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
                    "Write the quota as a whole number of tokens"));
            assertThat(adam.findElement(By.id("quotas:role")).getAttribute("value")).as("the form kept as typed")
                    .isEqualTo("employee");

            adam.findElement(By.id("quotas:tokens")).clear();
            adam.findElement(By.id("quotas:tokens")).sendKeys("70000");
            adam.findElement(By.id("quotas:set")).click();
            waitFor(adam).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
                    "Quota of role employee set."));
            assertThat(adam.findElement(By.xpath("//table[@id='quotas:roles']//tr[td[1][text()='employee']]"))
                    .getText()).contains("70000").contains("50000").contains(DemoAccount.ADAM.upn());
            assertThat(allowanceShownTo(erin)).endsWith("of 70,000 tokens left today; renewed at midnight (UTC).");

            openErinsPage();
            adam.findElement(By.id("allowance:tokens")).sendKeys("120000");
            // A date field takes keystrokes in the browser's locale order; its value is ISO whatever the locale.
            adam.executeScript("arguments[0].value = arguments[1]", adam.findElement(By.id("allowance:until")),
                    LocalDate.now(ZoneOffset.UTC).plusDays(7).toString());
            adam.findElement(By.id("allowance:set-allowance")).click();
            waitFor(adam).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
                    "Give a reason"));
            adam.findElement(By.id("allowance:allowance-reason")).sendKeys("month-end close");
            adam.findElement(By.id("allowance:set-allowance")).click();
            waitFor(adam).until(ExpectedConditions.textToBePresentInElementLocated(By.id("allowance-override"),
                    "Own allowance: 120000 tokens a day"));
            assertThat(allowanceShownTo(erin)).endsWith("of 120,000 tokens left today; renewed at midnight (UTC).");

            assertThat(Database.count("SELECT count(*) FROM admin_action WHERE action IN ('set-role-quota', "
                    + "'set-user-quota') AND reason IN ('pilot group', 'month-end close')")).isEqualTo(2);
            assertThat(Database.count("SELECT count(*) FROM admin_action WHERE action = 'set-role-quota' AND "
                    + "before_state = 'employee: 50000 tokens a day (default)' AND after_state = "
                    + "'employee: 70000 tokens a day'")).isEqualTo(1);

            adam.findElement(By.id("allowance:allowance-reason")).sendKeys("close done");
            adam.findElement(By.id("allowance:remove-allowance")).click();
            waitFor(adam).until(ExpectedConditions.textToBePresentInElementLocated(By.id("allowance-override"),
                    "The quota of the user's roles"));
            assertThat(allowanceShownTo(erin)).endsWith("of 70,000 tokens left today; renewed at midnight (UTC).");
        } finally {
            Database.execute("DELETE FROM ai_role_quota");
            Database.execute("DELETE FROM ai_user_quota");
        }
    }

    @Test
    void an_admin_sorts_the_users_by_clicking_the_column_headers() {
        // Three people whose names and last sign-ins run in opposite orders.
        String[][] people = {{"Sortable Ann", "2026-03-03"}, {"Sortable Bob", "2026-02-02"},
                {"Sortable Cid", "2026-01-01"}};
        for (String[] person : people) {
            String login = person[0].toLowerCase().replace(' ', '.') + "@atrium.example";
            Database.execute("""
                    INSERT INTO app_user (tenant_id, object_id, username, display_name, email, first_seen_at,
                                          last_seen_at, last_sign_in_at)
                    VALUES ('sorting-tenant', ?, ?, ?, ?, CAST(? AS timestamptz), CAST(? AS timestamptz),
                            CAST(? AS timestamptz))
                    ON CONFLICT (tenant_id, object_id) DO NOTHING""", login, login, person[0], login,
                    person[1], person[1], person[1]);
        }
        adam.findElement(By.id("nav-admin")).click();
        waitFor(adam).until(ExpectedConditions.visibilityOfElementLocated(By.id("users:name"))).sendKeys("sortable");
        adam.findElement(By.id("users:apply")).click();
        waitFor(adam).until(driver -> listedNames().size() == 3);

        // Each step changes the order the previous one showed, so each wait proves its click.
        clickHeader("Last sign-in");
        waitFor(adam).until(driver -> listedNames().equals(List.of("Sortable Cid", "Sortable Bob", "Sortable Ann")));
        clickHeader("Name");
        waitFor(adam).until(driver -> listedNames().equals(List.of("Sortable Ann", "Sortable Bob", "Sortable Cid")));
        clickHeader("Name");
        waitFor(adam).until(driver -> listedNames().equals(List.of("Sortable Cid", "Sortable Bob", "Sortable Ann")));
    }

    private void clickHeader(String title) {
        adam.findElement(By.xpath("//table//th[.//span[normalize-space(text())='" + title + "']]")).click();
    }

    /** The names the table lists; none while PrimeFaces is replacing the rows it read them from. */
    private List<String> listedNames() {
        try {
            return adam.findElements(By.cssSelector("a.user-link")).stream().map(WebElement::getText).toList();
        } catch (StaleElementReferenceException replaced) {
            return List.of();
        }
    }

    /** Through the users page as an admin would: filter by name, then follow the link. */
    private void openErinsPage() {
        adam.findElement(By.id("nav-admin")).click();
        WebElement name = waitFor(adam).until(ExpectedConditions.visibilityOfElementLocated(By.id("users:name")));
        name.sendKeys("erin");
        adam.findElement(By.id("users:apply")).click();
        waitFor(adam).until(driver -> driver.findElements(By.cssSelector("a.user-link")).size() == 1);
        adam.findElement(By.linkText(DemoAccount.ERIN.displayName())).click();
        waitFor(adam).until(ExpectedConditions.textToBe(By.id("user-name"), DemoAccount.ERIN.displayName()));
    }

    private void signIn(ChromeDriver browser, String account) {
        browser.get(atrium().toString());
        waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("signin-" + account))).click();
        waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));
    }

    private String allowanceShownTo(ChromeDriver browser) {
        browser.get(atrium().resolve("/chat.xhtml").toString());
        return waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("allowance"))).getText();
    }

    private static List<String> roles(ChromeDriver browser) {
        waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));
        return browser.findElements(By.cssSelector("span.role")).stream().map(WebElement::getText).toList();
    }

    private static WebDriverWait waitFor(ChromeDriver browser) {
        // A form's full-page post replaces the page while the wait reads it: Chromium then reports the node as
        // "not in the document" (not a stale element); the next poll finds the new page's. A wait that never sees
        // its text still fails after 20 s.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }
}
