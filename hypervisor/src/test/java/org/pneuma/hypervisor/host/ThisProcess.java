package org.pneuma.hypervisor.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.pneuma.hypervisor.doctor.ProcessPrivileges;

/** What the kernel's rules allow this test process, read independently of the code under test. */
final class ThisProcess {
    private ThisProcess() {
    }

    static ProcessPrivileges privileges() {
        return ProcessPrivileges.parse(read("/proc/self/status"), read("/proc/self/limits"));
    }

    static String read(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code work} on a new platform thread that ends afterwards, so nothing it changes outlives it. */
    static <T> T onThrowAwayThread(Supplier<T> work) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("throw-away").start(() -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.join();
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }
}
