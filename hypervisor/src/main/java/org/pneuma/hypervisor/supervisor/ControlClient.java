package org.pneuma.hypervisor.supervisor;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pneuma.channel.RunDirectory;

/** Sends one request to a running supervisor and returns its reply: what {@code pneuma status} and {@code pneuma fault} use. */
public final class ControlClient {
    private ControlClient() {
    }

    /**
     * @throws SupervisorException if no system is running at {@code run} or it does not answer; a reply that starts
     *                             with {@code error:} is thrown with its text
     */
    public static String request(RunDirectory run, String request) {
        Path socket = run.supervisorSocket();
        if (!Files.exists(socket)) {
            throw new SupervisorException("no running system at " + run.root() + " (no control socket " + socket
                + "); start one with 'pneuma run'");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(channel).write((request + "\n").getBytes(StandardCharsets.UTF_8));
            String reply = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8).strip();
            if (reply.startsWith("error: ")) {
                throw new SupervisorException(reply.substring("error: ".length()));
            }
            return reply;
        } catch (IOException e) {
            throw new SupervisorException("the system at " + run.root() + " does not answer on " + socket + ": "
                + e.getMessage() + " (a supervisor that was killed leaves its run directory; 'pneuma run' cleans it up)", e);
        }
    }

    /** Whether a supervisor answers at {@code run}. */
    public static boolean isRunning(RunDirectory run) {
        try {
            request(run, "ping");
            return true;
        } catch (SupervisorException e) {
            return false;
        }
    }
}
