package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.atrium.standins.entra.DemoAccount;

/** What an employee does in a real browser: sign in through the Entra stand-in, read the greeting, chat. */
@AtriumIT
class BrowserIT extends AtriumDeployment {

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void an_employee_signs_in_through_entra_sees_the_greeting_and_gets_a_chat_reply() {
        DemoAccount erin = DemoAccount.ERIN;
        String entra = AtriumStack.settings().get("azure.authority-host");

        browser.get(atrium().toString());
        wait.until(ExpectedConditions.urlContains(entra));
        assertThat(browser.getCurrentUrl()).contains("/v2.0/authorize").contains("code_challenge_method=S256");
        browser.findElement(By.id("signin-erin")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));
        assertThat(browser.getCurrentUrl()).startsWith(atrium().toString());
        assertThat(browser.findElement(By.id("greeting")).getText()).isEqualTo("Hello, " + erin.displayName());
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo(erin.displayName());

        browser.findElement(By.id("nav-chat")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")))
                .sendKeys("Which holidays do we have in December?");
        browser.findElement(By.id("chat:send")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".turn.assistant .text")));
        assertThat(browser.findElement(By.cssSelector(".turn.user .text")).getText())
                .isEqualTo("Which holidays do we have in December?");
        assertThat(browser.findElement(By.cssSelector(".turn.assistant .text")).getText())
                .isEqualTo("Echo: Which holidays do we have in December?");
    }

    @Test
    void signing_out_lands_on_the_signed_out_page_and_a_new_visit_asks_to_sign_in_again() {
        String entra = AtriumStack.settings().get("azure.authority-host");
        browser.get(atrium().toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("signin-erin"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));

        browser.findElement(By.id("sign-out:button")).click();

        wait.until(ExpectedConditions.urlContains("/signed-out.html"));
        assertThat(browser.findElement(By.id("signed-out")).getText()).isEqualTo("You have signed out of Atrium");
        browser.findElement(By.id("sign-in-again")).click();
        wait.until(ExpectedConditions.urlContains(entra));
        assertThat(browser.findElement(By.id("signin-erin")).isDisplayed()).isTrue();
    }
}
