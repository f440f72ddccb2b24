package io.atrium.identity;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * A browser's request, the answer and its session as a servlet container hands them to Atrium's code, held in memory,
 * for testing what identity decides on the web tier without starting a server. Only what identity reads is answered;
 * anything else fails loudly, so a test cannot pass on a value nobody chose.
 */
public final class InMemoryHttp {

    private InMemoryHttp() {
    }

    /**
     * A browser's session: attributes in a map, an id that changes on request. Once invalidated, it refuses to be used
     * with the IllegalStateException the Servlet specification asks for.
     */
    public static final class Session {

        private final Map<String, Object> attributes = new ConcurrentHashMap<>();
        private volatile boolean invalidated;
        private final HttpSession session = proxy(HttpSession.class, (self, method, args) -> {
            if (invalidated && !method.getName().equals("getId")) {
                throw new IllegalStateException("HttpSession." + method.getName() + ": session already invalidated");
            }
            return switch (method.getName()) {
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> args[1] == null ? attributes.remove((String) args[0])
                        : attributes.put((String) args[0], args[1]);
                case "removeAttribute" -> attributes.remove((String) args[0]);
                case "getAttributeNames" -> Collections.enumeration(List.copyOf(attributes.keySet()));
                case "invalidate" -> {
                    invalidated = true;
                    attributes.clear();
                    yield null;
                }
                case "setMaxInactiveInterval" -> null;
                case "getId" -> "session-" + System.identityHashCode(attributes);
                default -> throw new UnsupportedOperationException("HttpSession." + method.getName());
            };
        });

        public boolean invalidated() {
            return invalidated;
        }

        public HttpSession session() {
            return session;
        }
    }

    /**
     * A GET from the browser that holds {@code session} (null: a browser without one, which gets one when asked).
     *
     * @param pathAndQuery as the browser sends it, raw: {@code /auth/callback?state=...}
     */
    public static HttpServletRequest get(String pathAndQuery, Session session) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        String rawQuery = query < 0 ? null : pathAndQuery.substring(query + 1);
        Map<String, String[]> parameters = parameters(rawQuery);
        Session[] held = {session};
        Map<String, Object> requestAttributes = new ConcurrentHashMap<>();
        return proxy(HttpServletRequest.class, (self, method, args) -> switch (method.getName()) {
            case "getMethod" -> "GET";
            case "getRequestURI" -> path;
            case "getServletPath" -> path;
            case "getQueryString" -> rawQuery;
            case "getContextPath" -> "";
            case "getParameterMap" -> parameters;
            case "getParameter" -> parameters.containsKey((String) args[0]) ? parameters.get((String) args[0])[0] : null;
            case "getHeader", "getCookies" -> null;
            case "getScheme" -> "https";
            case "getServerName" -> "atrium.bank.example";
            case "getServerPort" -> 443;
            case "isSecure" -> true;
            case "getRemoteAddr" -> "203.0.113.9";
            case "getAttribute" -> requestAttributes.get((String) args[0]);
            case "setAttribute" -> requestAttributes.put((String) args[0], args[1]);
            case "getSession" -> {
                boolean create = args == null || (Boolean) args[0];
                if (held[0] == null && create) {
                    held[0] = new Session();
                }
                yield held[0] == null ? null : held[0].session();
            }
            case "changeSessionId" -> held[0].session().getId();
            default -> throw new UnsupportedOperationException("HttpServletRequest." + method.getName());
        });
    }

    private static Map<String, String[]> parameters(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                values.computeIfAbsent(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8), name -> new ArrayList<>())
                        .add(nameAndValue.length < 2 ? "" : URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
            }
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
        return parameters;
    }

    /** The answer: status, headers and the body written. */
    public static final class Response {

        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final StringWriter body = new StringWriter();
        private final PrintWriter writer = new PrintWriter(body);
        private int status = 200;
        private final HttpServletResponse response = proxy(HttpServletResponse.class, (self, method, args) -> {
            switch (method.getName()) {
                case "setStatus" -> status = (Integer) args[0];
                case "getStatus" -> {
                    return status;
                }
                case "setHeader" -> headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                case "addHeader" -> headers.computeIfAbsent((String) args[0], name -> new ArrayList<>())
                        .add((String) args[1]);
                case "getHeader" -> {
                    List<String> values = headers.get((String) args[0]);
                    return values == null ? null : values.get(0);
                }
                case "setContentType" -> headers.put("Content-Type", new ArrayList<>(List.of((String) args[0])));
                case "getWriter" -> {
                    return writer;
                }
                case "flushBuffer" -> writer.flush();
                case "sendRedirect" -> {
                    status = 302;
                    headers.put("Location", new ArrayList<>(List.of((String) args[0])));
                }
                default -> throw new UnsupportedOperationException("HttpServletResponse." + method.getName());
            }
            return null;
        });

        public HttpServletResponse response() {
            return response;
        }

        public int status() {
            return status;
        }

        public String header(String name) {
            return response.getHeader(name);
        }

        public String body() {
            writer.flush();
            return body.toString();
        }

        public URI location() {
            return URI.create(header("Location"));
        }
    }

    /** Jakarta Security's view of the exchange, for a resource that is protected or not. */
    public static HttpMessageContext context(HttpServletRequest request, Response response, boolean protectedResource) {
        return proxy(HttpMessageContext.class, (self, method, args) -> switch (method.getName()) {
            case "isProtected" -> protectedResource;
            case "getRequest" -> request;
            case "getResponse" -> response.response();
            case "redirect" -> {
                response.response().sendRedirect((String) args[0]);
                yield AuthenticationStatus.SEND_CONTINUE;
            }
            case "doNothing" -> AuthenticationStatus.NOT_DONE;
            case "notifyContainerAboutLogin" -> AuthenticationStatus.SUCCESS;
            default -> throw new UnsupportedOperationException("HttpMessageContext." + method.getName());
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        InvocationHandler withIdentity = (self, method, args) -> switch (method.getName()) {
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            case "toString" -> "in-memory " + type.getSimpleName();
            default -> handler.invoke(self, method, args);
        };
        return (T) Proxy.newProxyInstance(InMemoryHttp.class.getClassLoader(), new Class<?>[] {type}, withIdentity);
    }
}
