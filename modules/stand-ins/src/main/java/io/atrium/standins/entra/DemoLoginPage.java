package io.atrium.standins.entra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The page the Entra ID stand-in shows instead of a password prompt: one button per demo account.
 *
 * <p>The mock serves the file as it is, without templating, so the form has no action: the browser then posts back to
 * the authorize URL it is on, query string included, which is what the mock needs to issue the code. The buttons
 * carry the username themselves and have stable ids for browser tests ({@code signin-erin}).
 */
final class DemoLoginPage {

    private DemoLoginPage() {
    }

    static Path writeTo(Path file, List<DemoAccount> accounts) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, html(accounts), StandardCharsets.UTF_8);
        return file;
    }

    static String html(List<DemoAccount> accounts) {
        StringBuilder buttons = new StringBuilder();
        for (DemoAccount account : accounts) {
            buttons.append("""
                          <button type="submit" name="username" value="%s" id="signin-%s">
                            <strong>%s</strong>
                            <span>%s &middot; roles: %s &middot; groups: %d</span>
                          </button>
                    """.formatted(escape(account.username()), escape(account.username()),
                    escape(account.displayName()), escape(account.upn()), escape(String.join(", ", account.roles())),
                    account.groups().size()));
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                  <head>
                    <meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Entra ID stand-in &mdash; choose a demo account</title>
                    <style>
                      body { font-family: system-ui, sans-serif; background: #f3f2f1; margin: 0; }
                      main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem;
                             box-shadow: 0 2px 6px rgba(0, 0, 0, .2); }
                      h1 { font-size: 1.4rem; margin-top: 0; }
                      p { color: #605e5c; }
                      button { display: block; width: 100%%; text-align: left; margin: .75rem 0; padding: .75rem 1rem;
                               border: 1px solid #8a8886; background: #fff; cursor: pointer; font-size: 1rem; }
                      button:hover, button:focus { background: #edebe9; }
                      button span { display: block; color: #605e5c; font-size: .85rem; margin-top: .25rem; }
                    </style>
                  </head>
                  <body>
                    <main>
                      <h1>Choose a demo account</h1>
                      <p>This is Atrium's local stand-in for Microsoft Entra ID. No password is needed.</p>
                      <form method="post">
                %s      </form>
                    </main>
                  </body>
                </html>
                """.formatted(buttons);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
