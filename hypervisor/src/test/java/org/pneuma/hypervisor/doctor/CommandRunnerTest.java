package org.pneuma.hypervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {
    private final CommandRunner runner = new CommandRunner(Duration.ofSeconds(5));

    @Test
    void aMissingToolIsAbsentNotAnError() {
        assertThat(runner.find("pneuma-no-such-tool")).isEmpty();
    }

    @Test
    void aToolOnThePathIsFound() {
        assertThat(runner.find("sh")).get().satisfies(path -> assertThat(path.getFileName().toString()).isEqualTo("sh"));
    }

    @Test
    void theExitStatusAndTheFirstLineOfOutputAreKept() {
        CommandRunner.Result result = runner.run(List.of("sh", "-c", "echo; echo first line; echo second >&2; exit 3"));

        assertThat(result.started()).isTrue();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.firstLine()).isEqualTo("first line");
        assertThat(result.output()).contains("second");
        assertThat(result.describe(Duration.ofSeconds(5))).isEqualTo("exit 3: first line");
    }

    @Test
    void aCommandThatCannotStartIsReportedNotThrown() {
        CommandRunner.Result result = runner.run(List.of("/nonexistent/pneuma-tool", "--version"));

        assertThat(result.started()).isFalse();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.describe(Duration.ofSeconds(5))).startsWith("could not start: ");
    }

    @Test
    void aHangingCommandIsKilledWithItsChildrenAtTheDeadline() throws Exception {
        CommandRunner quick = new CommandRunner(Duration.ofMillis(300));

        CommandRunner.Result result = quick.run(List.of("sh", "-c", "sleep 60 & echo $!; wait"));

        assertThat(result.started()).isTrue();
        assertThat(result.timedOut()).isTrue();
        assertThat(result.describe(quick.timeout())).isEqualTo("no answer within 300 ms (killed)");
        long grandchild = Long.parseLong(result.firstLine());
        Optional<ProcessHandle> handle = ProcessHandle.of(grandchild);
        if (handle.isPresent()) {
            handle.get().onExit().get(5, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }
}
