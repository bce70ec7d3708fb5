package org.pneuma.cli;

import java.io.PrintWriter;
import org.pneuma.hypervisor.supervisor.Supervisor;

/**
 * The live console of {@code pneuma run}: the status redrawn once a second, with the latest events under
 * it. Until it starts (while the system boots), events are printed as they come.
 */
final class ConsoleView {
    private static final String HOME_AND_CLEAR = "\033[H\033[2J";
    private final PrintWriter out;
    private volatile Thread painter;

    ConsoleView(PrintWriter out) {
        this.out = out;
    }

    void event(String line) {
        if (painter == null) out.println(line);
    }

    void start(Supervisor supervisor) {
        painter = Thread.ofPlatform().daemon().name("console-view").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                out.print(HOME_AND_CLEAR + StatusText.render(supervisor.status(), 12) + "\n(Ctrl-C to shut down)\n");
                out.flush();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    void stop() {
        Thread p = painter;
        if (p != null) {
            p.interrupt();
            try {
                p.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        painter = null;
    }
}
