package io.atrium.standins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on the loopback interface, where every local peer listens. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** A port nobody listens on right now; for peers that need their port before they start. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }

    /**
     * Fails with one message naming the port and its user when a fixed port is taken, rather than leaving the peer to
     * fail later with a bind error buried in its own log.
     */
    public static void requireFree(int port, String peer) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on localhost is already in use, so " + peer
                    + " cannot start there. Stop whatever holds it or choose another port.", e);
        }
    }
}
