package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.atrium.standins.openai.Fault;

/**
 * What Atrium tells browsers about its answers (Content-Security-Policy, framing, sniffing, referrers, HSTS, cookie
 * flags), read off the wire for every kind of answer, and what a real browser then does: it refuses to show the admin
 * forms inside another site's page and refuses injected inline script, while the chat still streams.
 */
@AtriumIT
class BrowserPolicyIT extends AtriumDeployment {

    private static final Pattern NONCE = Pattern.compile("'nonce-([^']+)'");

    private ChromeDriver browser;
    private HttpServer otherSite;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (otherSite != null) {
            otherSite.stop(0);
        }
    }

    @Test
    void every_kind_of_answer_forbids_framing_sniffing_and_script_from_elsewhere() {
        ScriptedBrowser signedIn = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page home = signedIn.signIn(atrium(), "adam");
        ScriptedBrowser anonymous = new ScriptedBrowser(AtriumStack.peers());
        Map<String, ScriptedBrowser.Page> answers = new LinkedHashMap<>();
        answers.put("a Faces page", home);
        answers.put("the admin page", signedIn.get(atrium().resolve("/admin/users.xhtml")));
        answers.put("a style sheet", signedIn.get(atrium().resolve("/jakarta.faces.resource/atrium.css.xhtml?ln=atrium")));
        answers.put("a missing page", signedIn.get(atrium().resolve("/no-such-page.html")));
        answers.put("the redirect to Entra", anonymous.get(atrium().resolve("/chat.xhtml")));
        answers.put("the signed-out page", anonymous.get(atrium().resolve("/signed-out.html")));
        answers.put("an API refusal", anonymous.get(atrium().resolve("/api/v1/me")));
        ScriptedBrowser.Page problem = anonymous.get(atrium().resolve("/auth/callback?code=x&state=forged"));

        assertThat(answers.get("the admin page").status()).isEqualTo(200);
        assertThat(answers.get("a style sheet").status()).isEqualTo(200);
        assertThat(answers.get("a missing page").status()).isEqualTo(404);
        assertThat(answers.get("an API refusal").status()).isEqualTo(401);
        answers.forEach((what, answer) -> {
            String policy = answer.header("Content-Security-Policy");
            assertThat(policy).as(what).isNotNull().contains("default-src 'self'", "object-src 'none'",
                    "base-uri 'self'", "frame-ancestors 'none'",
                    "form-action 'self' " + AtriumStack.settings().get("azure.authority-host"));
            assertThat(directive(policy, "script-src")).as(what).startsWith("script-src 'self'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertOtherHeaders(what, answer);
        });
        // The sign-in problem page has no script, form or image: its policy allows nothing but its inline style.
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.header("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src "
                + "'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        assertOtherHeaders("the sign-in problem page", problem);
    }

    @Test
    void a_faces_page_runs_only_scripts_that_carry_its_own_nonce_and_has_no_inline_handlers() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");
        ScriptedBrowser.Page again = browser.get(atrium().resolve("/chat.xhtml"));

        String nonce = nonceOf(chat);
        assertThat(nonceOf(again)).as("a new nonce for every page").isNotEqualTo(nonce);
        List<Element> scripts = chat.html().select("script");
        assertThat(scripts).as("the page has scripts").isNotEmpty();
        for (Element script : scripts) {
            if (script.hasAttr("src")) {
                assertThat(chat.uri().resolve(script.attr("src")).getAuthority()).as(script.attr("src"))
                        .isEqualTo(atrium().getAuthority());
            } else {
                assertThat(script.attr("nonce")).as("inline script " + script.data()).isEqualTo(nonce);
            }
        }
        assertThat(chat.html().select("*").stream()
                .flatMap(element -> element.attributes().asList().stream())
                .filter(attribute -> attribute.getKey().toLowerCase().startsWith("on"))
                .map(attribute -> attribute.getKey() + "=" + attribute.getValue()))
                .as("inline event handlers, which the policy would refuse").isEmpty();
    }

    @Test
    void entra_alone_may_frame_the_front_channel_logout() {
        ScriptedBrowser.Page logout = new ScriptedBrowser(AtriumStack.peers())
                .get(atrium().resolve("/auth/front-channel-logout?sid=unknown"));

        assertThat(directive(logout.header("Content-Security-Policy"), "frame-ancestors"))
                .isEqualTo("frame-ancestors " + AtriumStack.settings().get("azure.authority-host"));
        assertThat(logout.header("X-Frame-Options")).as("it cannot name one origin").isNull();
    }

    @Test
    void behind_tls_answers_demand_https_from_then_on_and_the_session_cookie_is_secure_httponly_and_lax() {
        Map<String, String> proxy = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "localhost:"
                + atrium().getPort());
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

        ScriptedBrowser.Page toEntra = browser.get(atrium().resolve("/chat.xhtml"), proxy);
        ScriptedBrowser.Page entraLogin = browser.follow(browser.get(toEntra.location()));
        ScriptedBrowser.Page backFromEntra = browser.post(entraLogin.uri(), Map.of("username", "erin"));
        ScriptedBrowser.Page callback = browser.get(atrium().resolve(backFromEntra.location().getRawPath() + "?"
                + backFromEntra.location().getRawQuery()), proxy);

        assertThat(toEntra.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(callback.status()).as(callback.body()).isEqualTo(302);
        assertThat(callback.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        List<String> sessionCookies = callback.headers().get("set-cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
        assertThat(sessionCookies).as("the new session id of the sign-in").hasSize(1);
        String beforeSignIn = toEntra.headers().get("set-cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID=")).findFirst().orElseThrow().split(";", 2)[0];
        assertThat(sessionCookies.get(0).split(";", 2)[0]).as("a session id planted before sign-in is worth nothing")
                .isNotEqualTo(beforeSignIn);
        assertThat(sessionCookies.get(0).toLowerCase().split(";\\s*"))
                .contains("httponly", "secure", "samesite=lax");
    }

    @Test
    void another_site_cannot_show_the_admin_forms_in_a_frame_even_to_a_signed_in_admin() throws Exception {
        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(atrium().resolve("/admin/users.xhtml").toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("signin-adam"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("users:name")));
        // Another port of localhost is another origin but the same site, so the browser does send the session cookie
        // into the frame (SameSite=Lax): only the policy stands between the page and the admin's forms.
        URI framing = serveFramingPage(atrium().resolve("/admin/users.xhtml"));
        browser.manage().logs().get(LogType.BROWSER);

        browser.get(framing.toString());
        wait.until(ExpectedConditions.titleIs("frame loaded"));

        assertThat(browserLog()).anyMatch(line -> line.contains("frame-ancestors 'none'"));
        browser.switchTo().frame("victim");
        assertThat(browser.findElements(By.id("users:name"))).as("the admin form inside the frame").isEmpty();
        browser.switchTo().defaultContent();
    }

    @Test
    void the_chat_streams_under_the_policy_and_script_injected_into_the_page_does_not_run() throws Exception {
        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(atrium().resolve("/chat.xhtml").toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("signin-erin"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat:message")));
        AtriumStack.peers().openAi().failNext(Fault.slowEvents(Duration.ofMillis(100)));

        browser.findElement(By.id("chat:message")).sendKeys("Streamed under the policy");
        browser.findElement(By.id("chat:send")).click();
        wait.until(ExpectedConditions.textToBe(By.id("reply-status"), "Answer complete."));

        assertThat(browser.findElement(By.cssSelector(".turn.assistant .text")).getText())
                .isEqualTo("Echo: Streamed under the policy");
        assertThat(browserLog()).as("nothing of Atrium's own was refused")
                .noneMatch(line -> line.contains("Content Security Policy"));
        Object injected = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                document.addEventListener('securitypolicyviolation',
                    event => done(event.effectiveDirective + ' ' + (window.injected === undefined)), {once: true});
                const script = document.createElement('script');
                script.textContent = 'window.injected = true';
                document.body.appendChild(script);""");
        assertThat(injected).isEqualTo("script-src-elem true");
    }

    private URI serveFramingPage(URI target) throws IOException {
        otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = """
                <!DOCTYPE html><html><head><title>waiting</title></head><body>
                <iframe name="victim" src="%s" onload="document.title='frame loaded'"></iframe>
                </body></html>""".formatted(target).getBytes(StandardCharsets.UTF_8);
        otherSite.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
        return URI.create("http://localhost:" + otherSite.getAddress().getPort() + "/");
    }

    private List<String> browserLog() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    private static void assertOtherHeaders(String what, ScriptedBrowser.Page answer) {
        assertThat(answer.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("strict-origin-when-cross-origin");
        assertThat(answer.header("Strict-Transport-Security")).as(what + ", over plain http").isNull();
    }

    private static String nonceOf(ScriptedBrowser.Page page) {
        Matcher nonce = NONCE.matcher(directive(page.header("Content-Security-Policy"), "script-src"));
        assertThat(nonce.find()).as("a nonce in " + page.header("Content-Security-Policy")).isTrue();
        return nonce.group(1);
    }

    private static String directive(String policy, String name) {
        for (String directive : policy.split(";")) {
            if (directive.strip().startsWith(name + " ")) {
                return directive.strip();
            }
        }
        throw new AssertionError("no " + name + " in " + policy);
    }
}
