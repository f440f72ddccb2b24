package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/chat.xhtml", "/chat.xhtml?c=42", "/admin/user.xhtml?id=7f3e&tab=roles",
            "/search?q=https://example.org//x", "/search?q=100%25", "/a%20b", "/search?q=a%2Fb", "/https://x"})
    void a_path_of_atriums_own_is_returned_to_as_it_is(String target) {
        assertThat(ReturnPath.orHome(target)).isEqualTo(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/x", "/\\evil.example", "\\\\evil.example", "https://evil.example/",
            "javascript:alert(1)", "evil.example", "", " /chat.xhtml", "/\t/evil.example", "/\n/evil.example",
            "/\r\nSet-Cookie:x=1", "/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%5cevil.example",
            "/%252F%252Fevil.example", "/%25252f%25252fevil.example", "/%09/evil.example", "/%0d%0a/x",
            "/..//evil.example", "/a/%2e%2e//evil.example", "/./x", "/a\\b", "/caf\u00e9",
            "/%2525252F%2525252Fevil.example"})
    void anything_else_returns_the_employee_home(String target) {
        assertThat(ReturnPath.orHome(target)).isEqualTo(ReturnPath.HOME);
    }

    @Test
    void no_target_returns_home() {
        assertThat(ReturnPath.orHome(null)).isEqualTo("/");
    }
}
