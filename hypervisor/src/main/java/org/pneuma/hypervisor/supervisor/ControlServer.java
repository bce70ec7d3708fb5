package org.pneuma.hypervisor.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Function;
import org.pneuma.channel.RunDirectory;

/**
 * The supervisor's control endpoint: TCP on the host's loopback interface, one request line per
 * connection after a token line, one reply ({@code status}, {@code fault <kind> [seconds] [options…]},
 * {@code ping}). Each connection gets its own virtual thread, so a slow fault never blocks a status request.
 *
 * <p>Why loopback TCP and not a Unix socket in the run directory: a sandboxed guest sees the host's file
 * system, so it could connect to a socket file there; it has its own network namespace with its own
 * loopback, from which the host's loopback cannot be reached. The port and a random token go into the
 * run directory, the token readable by its owner only ({@code 0600}), so another local user who can
 * reach the port cannot talk to it. (A guest on the {@code process} backend, which isolates nothing,
 * can do both.)
 */
final class ControlServer implements AutoCloseable {
    /** Requests longer than this are refused unread: the endpoint is for short commands. */
    static final int MAX_REQUEST_CHARS = 4096;

    private final RunDirectory run;
    private final ServerSocketChannel server;
    private final byte[] token;
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(RunDirectory run, ServerSocketChannel server, byte[] token, Function<String, String> handler) {
        this.run = run;
        this.server = server;
        this.token = token;
        this.acceptor = Thread.ofPlatform().daemon().name("supervisor-control").start(() -> accept(handler));
    }

    /** Listens on an ephemeral loopback port; writes the port and token into {@code run}. */
    static ControlServer listen(RunDirectory run, Function<String, String> handler) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            byte[] token = new byte[16];
            new SecureRandom().nextBytes(token);
            Files.writeString(run.controlToken(), HexFormat.of().formatHex(token) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(run.controlToken(), PosixFilePermissions.fromString("rw-------"));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            Files.writeString(run.controlPort(), port + "\n", StandardCharsets.US_ASCII);
            return new ControlServer(run, server, token, handler);
        } catch (IOException e) {
            throw new SupervisorException("cannot open the control endpoint in " + run.root() + ": " + e.getMessage(), e);
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
                        "control endpoint accept failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel client, Function<String, String> handler) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
             OutputStream out = Channels.newOutputStream(client)) {
            String reply;
            String presented = readLine(in);
            if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
                HexFormat.of().formatHex(token).getBytes(StandardCharsets.US_ASCII))) {
                reply = "error: not authorised (the token is in " + run.controlToken() + ", readable by its owner only)";
            } else {
                String request = readLine(in);
                if (request == null) {
                    reply = "error: request longer than " + MAX_REQUEST_CHARS + " characters";
                } else {
                    try {
                        reply = handler.apply(request.strip());
                    } catch (RuntimeException e) {
                        reply = "error: " + e.getMessage();
                    }
                }
            }
            out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    /** One line of at most {@value #MAX_REQUEST_CHARS} characters, or null if longer. */
    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            if (line.length() == MAX_REQUEST_CHARS) return null;
            line.append((char) c);
        }
        return line.toString();
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
            Files.deleteIfExists(run.controlPort());
            Files.deleteIfExists(run.controlToken());
        } catch (IOException | InterruptedException ignored) {
            // The run directory is removed next anyway.
        }
    }
}
