package org.pneuma.hypervisor.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The supervisor's control socket: a Unix domain socket in the run directory that answers one request
 * line per connection with one reply ({@code status}, {@code fault <kind> [seconds] [options…]}, {@code stop}).
 * Each connection gets its own virtual thread, so a slow fault never blocks a status request.
 */
final class ControlServer implements AutoCloseable {
    /** Requests longer than this are refused unread: the socket is for short commands. */
    static final int MAX_REQUEST_CHARS = 4096;

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(Path socket, ServerSocketChannel server, Function<String, String> handler) {
        this.socket = socket;
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("supervisor-control").start(() -> accept(handler));
    }

    /** Listens at {@code socket}; {@code handler} turns a request line into the reply. */
    static ControlServer listen(Path socket, Function<String, String> handler) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            return new ControlServer(socket, server, handler);
        } catch (IOException e) {
            throw new SupervisorException("cannot listen on the control socket " + socket + ": " + e.getMessage(), e);
        }
    }

    private void accept(Function<String, String> handler) {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("supervisor-request").start(() -> serve(client, handler));
            } catch (IOException e) {
                if (!closed) {
                    System.getLogger(ControlServer.class.getName()).log(System.Logger.Level.WARNING,
                        "control socket accept failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    private static void serve(SocketChannel client, Function<String, String> handler) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
             OutputStream out = Channels.newOutputStream(client)) {
            char[] buffer = new char[MAX_REQUEST_CHARS + 1];
            int n = 0;
            for (int c; n < buffer.length && (c = in.read()) != -1 && c != '\n'; ) {
                buffer[n++] = (char) c;
            }
            String reply;
            if (n > MAX_REQUEST_CHARS) {
                reply = "error: request longer than " + MAX_REQUEST_CHARS + " characters";
            } else {
                String request = new String(buffer, 0, n).strip();
                try {
                    reply = handler.apply(request);
                } catch (RuntimeException e) {
                    reply = "error: " + e.getMessage();
                }
            }
            out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a listening socket does not fail in a way we could act on.
        }
        try {
            acceptor.join(2000);
            Files.deleteIfExists(socket);
        } catch (IOException | InterruptedException ignored) {
            // The run directory is removed next anyway.
        }
    }
}
