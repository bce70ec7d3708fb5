package org.pneuma.hypervisor.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.RunDirectory;

class ControlSocketTest {
    @TempDir
    Path dir;

    @Test
    void answersEachRequestLineAndRemovesItsSocketWhenClosed() {
        RunDirectory run = new RunDirectory(dir);
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ControlServer server = ControlServer.listen(run.supervisorSocket(), request -> {
            requests.add(request);
            return "echo " + request;
        })) {
            assertThat(ControlClient.request(run, "status")).isEqualTo("echo status");
            assertThat(ControlClient.request(run, "  fault guest-kill 5  ")).isEqualTo("echo fault guest-kill 5");
            assertThat(ControlClient.isRunning(run)).isTrue();
        }
        assertThat(requests).contains("status", "fault guest-kill 5", "ping");
        assertThat(run.supervisorSocket()).doesNotExist();
        assertThat(ControlClient.isRunning(run)).isFalse();
    }

    @Test
    void anErrorReplyOrAThrowingHandlerIsThrownWithItsText() {
        RunDirectory run = new RunDirectory(dir);
        try (ControlServer server = ControlServer.listen(run.supervisorSocket(), request -> {
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
        try (ControlServer server = ControlServer.listen(run.supervisorSocket(), request -> "read " + request.length())) {
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
        // A socket file nobody listens on: what a killed supervisor leaves.
        Files.createDirectories(run.root());
        ControlServer.listen(run.supervisorSocket(), r -> "").close();
        Files.createFile(run.supervisorSocket());
        assertThatThrownBy(() -> ControlClient.request(run, "status"))
            .isInstanceOf(SupervisorException.class).hasMessageContaining("does not answer");
    }
}
