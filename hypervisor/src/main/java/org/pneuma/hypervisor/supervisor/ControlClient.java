package org.pneuma.hypervisor.supervisor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.pneuma.channel.RunDirectory;

/** Sends one request to a running supervisor and returns its reply: what {@code pneuma status} and {@code pneuma fault} use. */
public final class ControlClient {
    private ControlClient() {
    }

    /**
     * @throws SupervisorException if no system is running at {@code run}, it does not answer, or this user may not
     *                             read its token; a reply that starts with {@code error:} is thrown with its text
     */
    public static String request(RunDirectory run, String request) {
        int port;
        String token;
        try {
            port = Integer.parseInt(Files.readString(run.controlPort(), StandardCharsets.US_ASCII).strip());
            token = Files.readString(run.controlToken(), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new SupervisorException("no running system at " + run.root() + " (no " + e.getFile()
                + "); start one with 'pneuma run'");
        } catch (AccessDeniedException e) {
            throw new SupervisorException("not allowed to talk to the system at " + run.root() + ": " + e.getFile()
                + " is readable by the user who started it only");
        } catch (IOException | NumberFormatException e) {
            throw new SupervisorException("the control endpoint files in " + run.root() + " are unreadable: " + e.getMessage(), e);
        }
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            Channels.newOutputStream(channel).write((token + "\n" + request + "\n").getBytes(StandardCharsets.UTF_8));
            String reply = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8).strip();
            if (reply.startsWith("error: ")) {
                throw new SupervisorException(reply.substring("error: ".length()));
            }
            return reply;
        } catch (IOException e) {
            throw new SupervisorException("the system at " + run.root() + " does not answer on loopback port " + port
                + ": " + e.getMessage() + " (a supervisor that was killed leaves its run directory; 'pneuma run' cleans it up)", e);
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
