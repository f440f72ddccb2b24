package io.atrium.standins.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Forwards a port of this host's non-loopback IPv4 addresses to the same port on 127.0.0.1, byte for byte: a stand-in
 * bound to loopback becomes reachable through a container's published port, while every client still names it
 * {@code localhost:PORT} (the Host header passes through unchanged, and with it the issuer the Entra stand-in derives).
 */
final class LoopbackForwarder implements AutoCloseable {

    private final List<ServerSocket> listeners;

    private LoopbackForwarder(List<ServerSocket> listeners) {
        this.listeners = listeners;
    }

    /** This host's IPv4 addresses other than loopback: a container's address on its network. */
    static List<InetAddress> otherAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                Collections.list(network.getInetAddresses()).stream()
                        .filter(Inet4Address.class::isInstance).forEach(addresses::add);
            }
        }
        return addresses;
    }

    /** Listens on {@code port} of each of {@code addresses} and forwards every connection to 127.0.0.1:{@code port}. */
    static LoopbackForwarder start(List<InetAddress> addresses, int port) throws IOException {
        List<ServerSocket> listeners = new ArrayList<>();
        try {
            for (InetAddress address : addresses) {
                ServerSocket listener = new ServerSocket();
                listeners.add(listener);
                listener.bind(new InetSocketAddress(address, port));
                Thread acceptor = new Thread(() -> accept(listener, port), "forward-" + address.getHostAddress());
                acceptor.setDaemon(true);
                acceptor.start();
            }
        } catch (IOException e) {
            new LoopbackForwarder(listeners).close();
            throw e;
        }
        return new LoopbackForwarder(listeners);
    }

    List<String> addresses() {
        return listeners.stream().map(listener -> listener.getLocalSocketAddress().toString()).toList();
    }

    private static void accept(ServerSocket listener, int port) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket standIn = new Socket(InetAddress.getLoopbackAddress(), port);
                pipe(client, standIn);
                pipe(standIn, client);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                System.err.println("[atrium] forwarding to 127.0.0.1:" + port + " failed: " + e.getMessage());
            }
        }
    }

    /** Copies one direction on a thread of its own; the end of either stream closes both sockets. */
    private static void pipe(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // The other side went away; closing both ends below is all there is to do.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "forward-copy");
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        for (ServerSocket listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
