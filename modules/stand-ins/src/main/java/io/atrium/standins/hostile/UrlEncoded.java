package io.atrium.standins.hostile;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code application/x-www-form-urlencoded} text: a query string or a form body. */
final class UrlEncoded {

    private UrlEncoded() {
    }

    /** The parameters in {@code text}; of a repeated parameter the first value counts, as Atrium's callback reads it. */
    static Map<String, String> parse(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return parameters;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
