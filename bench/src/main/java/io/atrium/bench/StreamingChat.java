package io.atrium.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A streamed chat request over a plain socket, timed to the first token: the first server-sent event whose
 * {@code choices[0].delta.content} is not empty (OpenAI's and Azure's role and filter chunks carry none). A socket of
 * its own, with TCP_NODELAY, keeps the measuring client out of the figure: the JDK's HTTP client adds its own threads
 * and queues. Keeps the connection open between requests while the server does.
 */
final class StreamingChat implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READ_TIMEOUT_MILLIS = 120_000;

    private final int port;
    private Socket socket;
    private InputStream in;

    /** @param port a port on localhost */
    StreamingChat(int port) {
        this.port = port;
    }

    /** Sends {@code body} to {@code path} with these headers (besides Host, Content-Type and Content-Length). */
    Outcome post(String path, Map<String, String> headers, byte[] body) {
        long started = System.nanoTime();
        try {
            if (socket == null) {
                socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            }
            StringBuilder head = new StringBuilder(512).append("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Accept: text/event-stream\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            // One write: the request leaves in as few segments as the kernel likes, whatever Nagle would do.
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            Answer answer = read(in, started, System::nanoTime);
            if (!answer.keepAlive()) {
                close();
            }
            return answer.outcome();
        } catch (IOException e) {
            close();
            return Outcome.failed(System.nanoTime() - started, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Reads one answer from the wire: status, head, then the event stream up to {@code data: [DONE]} and the end of
     * the body. An error is a status other than 200, an {@code error} event, or a stream without {@code [DONE]}.
     */
    static Answer read(InputStream in, long started, LongSupplier clock) throws IOException {
        String statusLine = HttpLines.read(in);
        if (statusLine == null) {
            throw new IOException("the connection closed before an answer");
        }
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int code = Integer.parseInt(status[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = HttpLines.read(in); line != null && !line.isEmpty(); line = HttpLines.read(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        boolean chunked = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        String length = headers.get("content-length");
        boolean closes = "close".equalsIgnoreCase(headers.get("connection")) || statusLine.startsWith("HTTP/1.0");
        InputStream body;
        if (chunked) {
            body = new ChunkedBody(in);
        } else if (length != null) {
            body = new ByteArrayInputStream(in.readNBytes(Integer.parseInt(length)));
        } else {
            body = in;
            closes = true;
        }
        long firstToken = -1;
        boolean done = false;
        String error = code == 200 ? null : "HTTP " + code;
        StringBuilder errorBody = new StringBuilder();
        for (String line = HttpLines.read(body); line != null; line = HttpLines.read(body)) {
            if (code != 200) {
                if (errorBody.length() < 300) {
                    errorBody.append(line);
                }
                continue;
            }
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                done = true;
            } else if (firstToken < 0 && isContent(data)) {
                firstToken = clock.getAsLong() - started;
            } else if (error == null && data.startsWith("{\"error\"")) {
                error = "error event: " + data;
            }
        }
        long total = clock.getAsLong() - started;
        if (error == null && !done) {
            error = "the stream ended without [DONE]";
        }
        if (errorBody.length() > 0) {
            error += ": " + errorBody;
        }
        return new Answer(new Outcome(firstToken, total, error), !closes);
    }

    /** A chunk of a chat stream that carries text: {@code choices[0].delta.content} not empty. */
    static boolean isContent(String data) {
        try {
            JsonNode content = JSON.readTree(data).path("choices").path(0).path("delta").path("content");
            return content.isTextual() && !content.asText().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing to do about a socket that will not close; the next request opens another.
            }
            socket = null;
            in = null;
        }
    }

    /** What one answer did; {@code keepAlive} says whether the connection may carry the next request. */
    record Answer(Outcome outcome, boolean keepAlive) {
    }

    /**
     * One chat as the caller saw it, times in nanoseconds from just before the request was written.
     *
     * @param firstTokenNanos until the first text arrived; -1 when none did
     * @param totalNanos      until the answer ended
     * @param error           why it failed, or null when it ended with {@code [DONE]} and no error event
     */
    record Outcome(long firstTokenNanos, long totalNanos, String error) {

        static Outcome failed(long totalNanos, String error) {
            return new Outcome(-1, totalNanos, error);
        }

        boolean ok() {
            return error == null && firstTokenNanos >= 0;
        }
    }
}
