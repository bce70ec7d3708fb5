package org.pneuma.channel;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import org.agrona.IoUtil;

/**
 * The file mapping every shared-memory region of this module needs: map an existing file whole, build
 * the region over a mapping without leaking it if the build fails, unmap. Off the hot path.
 */
final class MappedFiles {
    private MappedFiles() {
    }

    /**
     * Maps all of an existing file.
     *
     * @param what the kind of region, for the error of a file too large to map
     * @throws IOException if the file cannot be opened or mapped
     */
    static MappedByteBuffer mapExisting(Path path, boolean readOnly, String what) throws IOException {
        StandardOpenOption[] options = readOnly
            ? new StandardOpenOption[] {StandardOpenOption.READ}
            : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        try (FileChannel channel = FileChannel.open(path, options)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new IllegalStateException(path + " is " + size + " bytes, larger than any " + what);
            }
            return channel.map(readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, 0, size);
        }
    }

    /** Builds a region over {@code mapping}; if the build throws (a bad header), unmaps and rethrows. */
    static <T> T own(MappedByteBuffer mapping, Function<MappedByteBuffer, T> build) {
        try {
            return build.apply(mapping);
        } catch (RuntimeException e) {
            IoUtil.unmap(mapping);
            throw e;
        }
    }

    /** Unmaps a file mapping; nothing for memory that was not mapped ({@code null}). */
    static void unmap(MappedByteBuffer mapping) {
        if (mapping != null) IoUtil.unmap(mapping);
    }
}
