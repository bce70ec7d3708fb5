package org.pneuma.hypervisor.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.RunDirectory;

class ControlEndpointTest {
    @TempDir
    Path dir;

    @Test
    void answersEachRequestLineAndRemovesItsFilesWhenClosed() throws Exception {
        RunDirectory run = new RunDirectory(dir);
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ControlServer server = ControlServer.listen(run, request -> {
            requests.add(request);
            return "echo " + request;
        })) {
            assertThat(Files.getPosixFilePermissions(run.controlToken()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(ControlClient.request(run, "status")).isEqualTo("echo status");
            assertThat(ControlClient.request(run, "  fault guest-kill 5  ")).isEqualTo("echo fault guest-kill 5");
            assertThat(ControlClient.isRunning(run)).isTrue();
        }
        assertThat(requests).contains("status", "fault guest-kill 5", "ping");
        assertThat(run.controlPort()).doesNotExist();
        assertThat(run.controlToken()).doesNotExist();
        assertThat(ControlClient.isRunning(run)).isFalse();
    }

    @Test
    void withoutTheTokenNothingIsHandled() throws Exception {
        RunDirectory run = new RunDirectory(dir);
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ControlServer server = ControlServer.listen(run, request -> {
            requests.add(request);
            return "handled";
        })) {
            int port = Integer.parseInt(Files.readString(run.controlPort()).strip());
            assertThat(rawRequest(port, "0".repeat(32) + "\nstatus\n")).startsWith("error: not authorised");
            assertThat(rawRequest(port, "status\n")).startsWith("error: not authorised");
            assertThat(rawRequest(port, "")).startsWith("error: not authorised");
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void anErrorReplyOrAThrowingHandlerIsThrownWithItsText() {
        RunDirectory run = new RunDirectory(dir);
        try (ControlServer server = ControlServer.listen(run, request -> {
            if (request.equals("boom")) throw new IllegalStateException("handler failed");
            return "error: unknown request '" + request + "'";
        })) {
            assertThatThrownBy(() -> ControlClient.request(run, "nonsense"))
                .isInstanceOf(SupervisorException.class).hasMessage("unknown request 'nonsense'");
            assertThatThrownBy(() -> ControlClient.request(run, "boom"))
                .isInstanceOf(SupervisorException.class).hasMessage("handler failed");
        }
    }

    @Test
    void anOverlongRequestIsRefusedUnread() {
        RunDirectory run = new RunDirectory(dir);
        try (ControlServer server = ControlServer.listen(run, request -> "read " + request.length())) {
            assertThatThrownBy(() -> ControlClient.request(run, "x".repeat(ControlServer.MAX_REQUEST_CHARS + 10)))
                .hasMessageContaining("longer than " + ControlServer.MAX_REQUEST_CHARS);
            assertThat(ControlClient.request(run, "x".repeat(ControlServer.MAX_REQUEST_CHARS)))
                .isEqualTo("read " + ControlServer.MAX_REQUEST_CHARS);
        }
    }

    @Test
    void noSystemRunningIsSaidPlainly() throws Exception {
        RunDirectory run = new RunDirectory(dir.resolve("nothing-here"));
        assertThatThrownBy(() -> ControlClient.request(run, "status"))
            .isInstanceOf(SupervisorException.class).hasMessageContaining("no running system at")
            .hasMessageContaining("pneuma run");
        // What a killed supervisor leaves: the files, and nobody listening on the port.
        Files.createDirectories(run.root());
        ControlServer.listen(run, r -> "").close();
        Files.writeString(run.controlPort(), "1\n");
        Files.writeString(run.controlToken(), "00\n");
        assertThatThrownBy(() -> ControlClient.request(run, "status"))
            .isInstanceOf(SupervisorException.class).hasMessageContaining("does not answer");
    }

    /** What a sandboxed guest could try: its own network namespace has its own loopback, not the host's. */
    @Test
    void aProcessInAnotherNetworkNamespaceCannotReachTheEndpoint() throws Exception {
        RunDirectory run = new RunDirectory(dir);
        try (ControlServer server = ControlServer.listen(run, request -> "handled")) {
            String port = Files.readString(run.controlPort()).strip();
            String probe = "exec 3<>/dev/tcp/127.0.0.1/" + port + " && echo REACHED || echo REFUSED";
            Process host = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
            Process guest = new ProcessBuilder("unshare", "--net", "bash", "-c", "ip link set lo up 2>/dev/null; " + probe)
                .redirectErrorStream(true).start();
            assertThat(output(host)).as("from the host's network namespace").contains("REACHED");
            assertThat(output(guest)).as("from a network namespace of its own").contains("REFUSED").doesNotContain("REACHED");
        }
    }

    private static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String rawRequest(int port, String text) throws IOException {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            Channels.newOutputStream(channel).write(text.getBytes(StandardCharsets.UTF_8));
            channel.shutdownOutput();
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
