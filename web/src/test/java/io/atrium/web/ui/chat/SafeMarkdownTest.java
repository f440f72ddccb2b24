package io.atrium.web.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeMarkdownTest {

    @Test
    void markdown_becomes_html() {
        assertThat(SafeMarkdown.toHtml("**Bold** and `code`\n\n- one\n- two"))
                .contains("<strong>Bold</strong>").contains("<code>code</code>").contains("<li>one</li>");
    }

    @Test
    void raw_html_is_escaped_not_passed_through() {
        String html = SafeMarkdown.toHtml("<script>window.xss=1</script>\n\n<img src=x onerror=\"window.xss=1\">"
                + " inline <b onmouseover=\"window.xss=1\">x</b>");

        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b ")
                .contains("&lt;script&gt;").contains("&lt;img src=x onerror=");
    }

    @Test
    void links_keep_only_safe_schemes_and_open_without_handing_over_the_page() {
        assertThat(SafeMarkdown.toHtml("[docs](https://intranet.example/docs)"))
                .contains("href=\"https://intranet.example/docs\"")
                .contains("rel=\"noopener noreferrer nofollow\"").contains("target=\"_blank\"");
        assertThat(SafeMarkdown.toHtml("[click](javascript:window.xss=1) <javascript:alert(1)> "
                + "[d](data:text/html;base64,PHNjcmlwdD4=) [v](vbscript:x) [s]( JaVaScRiPt:alert(1))"))
                .doesNotContainIgnoringCase("href=\"javascript").doesNotContain("href=\"data")
                .doesNotContain("href=\"vbscript").doesNotContain("href=\" ");
    }

    @Test
    void an_image_becomes_a_link_so_the_browser_fetches_nothing_on_its_own() {
        String html = SafeMarkdown.toHtml("![the chart](https://elsewhere.example/leak?q=secret)");

        assertThat(html).doesNotContain("<img").contains("href=\"https://elsewhere.example/leak?q=secret\"")
                .contains(">the chart</a>");
    }
}
