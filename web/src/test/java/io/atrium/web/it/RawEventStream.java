package io.atrium.web.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A POST whose server-sent events are read off the socket one HTTP chunk at a time, each stamped with the moment it
 * arrived, and whose connection the test can drop mid-stream as a client that goes away does. The JDK's HttpClient
 * buffers and pools connections, which hides both.
 */
final class RawEventStream implements AutoCloseable {

    /** One {@code data:} event and when it arrived ({@link System#nanoTime()}). */
    record Event(String data, long arrivedNanos) {
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final StringBuilder pending = new StringBuilder();
    private boolean ended;

    private RawEventStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        String statusLine = line();
        this.status = Integer.parseInt(statusLine.split(" ")[1]);
        StringBuilder headers = new StringBuilder();
        for (String header = line(); !header.isEmpty(); header = line()) {
            headers.append(header).append('\n');
        }
        if (!headers.toString().toLowerCase().contains("transfer-encoding: chunked")) {
            throw new IllegalStateException("expected a chunked event stream, got " + statusLine + "\n" + headers
                    + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static RawEventStream post(URI atrium, String path, String bearerToken, String json) throws IOException {
        Socket socket = new Socket("localhost", atrium.getPort());
        socket.setSoTimeout(30_000);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + atrium.getPort() + "\r\n"
                + "Authorization: Bearer " + bearerToken + "\r\nContent-Type: application/json\r\n"
                + "Accept: text/event-stream\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return new RawEventStream(socket);
    }

    int status() {
        return status;
    }

    /** The next event, or {@code null} once the stream has ended. */
    Event next() throws IOException {
        while (true) {
            int end = pending.indexOf("\n\n");
            if (end >= 0) {
                String event = pending.substring(0, end);
                pending.delete(0, end + 2);
                if (event.startsWith("data: ")) {
                    return new Event(event.substring("data: ".length()), System.nanoTime());
                }
                continue;
            }
            if (ended) {
                return null;
            }
            int size = Integer.parseInt(line().trim(), 16);
            if (size == 0) {
                ended = true;
                continue;
            }
            pending.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            line();
        }
    }

    /** Every event up to the end of the stream. */
    List<Event> rest() throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event event = next(); event != null; event = next()) {
            events.add(event);
        }
        return events;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended mid-line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Drops the connection at once (RST), as a killed client or a closed laptop lid does. */
    @Override
    public void close() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
