package io.atrium.identity.internal.oidc;

/**
 * Where a browser may be sent back to after signing in: a path on Atrium itself, never another host. The target comes
 * from the request (the page first asked for) or from a page's code, so anybody can make a link that chooses it; a
 * browser resolves {@code //evil.example/x} and {@code /\evil.example} as other hosts, drops tabs and newlines from a
 * URL before reading it, and a proxy or container on the way may decode {@code %2F} and {@code %5C}. Anything that is
 * not plainly a path of Atrium's own returns the employee to the home page instead.
 */
public final class ReturnPath {

    /** Atrium's home page, where a refused target leads instead. */
    public static final String HOME = "/";

    /** Enough for a target percent-encoded two or three times over; one encoded more deeply is not a page a person asked for. */
    private static final int MAX_DECODINGS = 3;

    private ReturnPath() {
    }

    /** The target itself when it is a path of Atrium's own (one leading slash, printable ASCII), else {@link #HOME}. */
    public static String orHome(String target) {
        return isOwnPath(target) ? target : HOME;
    }

    static boolean isOwnPath(String target) {
        if (target == null || !startsAsOwnPath(target)) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            // A request URI is printable ASCII (anything else arrives percent-encoded); a space, control character or
            // backslash here is someone's construction.
            if (c <= ' ' || c >= 0x7f || c == '\\') {
                return false;
            }
        }
        String decoded = target;
        for (int round = 0; round <= MAX_DECODINGS; round++) {
            String path = pathOf(decoded);
            if (!startsAsOwnPath(path) || hasControlOrBackslash(path) || hasDotSegment(path)) {
                return false;
            }
            String again = percentDecoded(decoded);
            if (again.equals(decoded)) {
                return true;
            }
            decoded = again;
        }
        return false;
    }

    /** One slash, and not two or a slash and a backslash, which make a browser read a host name next. */
    private static boolean startsAsOwnPath(String path) {
        return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
    }

    private static String pathOf(String target) {
        int end = target.length();
        for (char delimiter : new char[] {'?', '#'}) {
            int at = target.indexOf(delimiter);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return target.substring(0, end);
    }

    private static boolean hasControlOrBackslash(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < ' ' || c == 0x7f || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Browsers remove dot segments before sending a request, so a target with one was written by hand. */
    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each {@code %XX} as the character of that byte (enough for the ASCII tests above); a {@code %} without two hex
     * digits stays as it is, as browsers leave it.
     */
    private static String percentDecoded(String text) {
        StringBuilder decoded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                decoded.append(c);
                continue;
            }
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                decoded.append(c);
                continue;
            }
            decoded.append((char) (high * 16 + low));
            i += 2;
        }
        return decoded.toString();
    }
}
