package org.pneuma.hypervisor.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One partition's directory in one cgroup hierarchy, {@code <hierarchy root>/pneuma/<partition>}: made, written,
 * read, emptied and removed. The shared {@code pneuma} parent is made when missing and removed with the last
 * partition in it.
 *
 * <p>Any thread may call. Making and removing directories is serialised in this JVM; against another process doing
 * the same, a parent removed between the two {@code mkdir}s is made again.
 */
final class CgroupDirectory {
    static final String PARENT = "pneuma";
    private static final Object TREE_LOCK = new Object();
    private static final int MKDIR_ATTEMPTS = 3;

    private final CgroupHierarchy hierarchy;
    private final Path root;
    private final Path path;
    private final List<String> controllers;

    private CgroupDirectory(CgroupHierarchy hierarchy, Path root, Path path, List<String> controllers) {
        this.hierarchy = hierarchy;
        this.root = root;
        this.path = path;
        this.controllers = List.copyOf(controllers);
    }

    /**
     * Makes {@code <root>/pneuma/<partition>}. On v1, a new parent gets the root's {@code cpuset.cpus} and
     * {@code cpuset.mems} (if it has them), since a v1 cpuset without CPUs admits no process. On v2, every controller
     * in {@code controllers} is enabled in the root's and the parent's {@code cgroup.subtree_control}.
     *
     * @throws GuestPartitionException if the directory exists already (a partition of that name is running, or one was
     *                                 left behind) or cannot be made; a parent it made is removed again
     */
    static CgroupDirectory create(CgroupHierarchy hierarchy, Path root, String partition, List<String> controllers) {
        Objects.requireNonNull(hierarchy, "hierarchy");
        Path parent = root.resolve(PARENT);
        Path path = parent.resolve(partition);
        synchronized (TREE_LOCK) {
            for (int attempt = 1; ; attempt++) {
                boolean madeParent = false;
                try {
                    if (!Files.isDirectory(parent)) {
                        madeParent = makeParent(parent);
                    }
                    CgroupDirectory made = new CgroupDirectory(hierarchy, root, path, controllers);
                    if (hierarchy == CgroupHierarchy.V1) {
                        made.inheritCpusetIntoParent();
                    } else if (!controllers.isEmpty()) {
                        made.enableControllers();
                    }
                    Files.createDirectory(path);
                    return made;
                } catch (FileAlreadyExistsException e) {
                    throw new GuestPartitionException("cgroup " + path + " exists already: a partition named " + partition
                        + " is running, or one was left behind (remove it with rmdir once its processes are gone)");
                } catch (NoSuchFileException e) {
                    if (attempt >= MKDIR_ATTEMPTS) {
                        throw new GuestPartitionException("cannot make cgroup " + path + ": " + e.getFile()
                            + " keeps vanishing");
                    }
                } catch (IOException e) {
                    if (madeParent) {
                        removeQuietly(parent);
                    }
                    throw new GuestPartitionException("cannot make cgroup " + path + ": " + reason(e), e);
                } catch (GuestPartitionException e) {
                    if (madeParent) {
                        removeQuietly(parent);
                    }
                    throw e;
                }
            }
        }
    }

    CgroupHierarchy hierarchy() {
        return hierarchy;
    }

    Path path() {
        return path;
    }

    /** The controllers used through this directory (none for a v2 directory used for membership only). */
    List<String> controllers() {
        return controllers;
    }

    Path file(String name) {
        return path.resolve(name);
    }

    boolean has(String name) {
        return Files.exists(path.resolve(name));
    }

    /** Writes {@code value} to a control file in one {@code write}. */
    void write(String name, String value) {
        write(path.resolve(name), value);
    }

    /** The control file's content without the trailing newline. */
    String read(String name) {
        return read(path.resolve(name));
    }

    /** The parent's control file ({@code pneuma/<file>}). */
    String readParent(String name) {
        return read(path.getParent().resolve(name));
    }

    /** The processes in it now, as host pids ({@code cgroup.procs}); empty once it is gone. */
    List<Long> members() {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(path.resolve("cgroup.procs"), StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.strip()));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new GuestPartitionException("cannot read " + path.resolve("cgroup.procs") + ": " + reason(e), e);
        }
        return pids;
    }

    /** Kills every process in it at once if the kernel offers {@code cgroup.kill} (v2, Linux 5.14+); false if not. */
    boolean killAllAtOnce() {
        Path kill = path.resolve("cgroup.kill");
        if (!Files.exists(kill)) {
            return false;
        }
        write(kill, "1");
        return true;
    }

    /**
     * Removes the directory ({@code rmdir}), then the parent if no other partition is in it. The kernel refuses while
     * a process, even an unreaped one, is still in it: the caller empties it first and retries.
     *
     * @return why it could not be removed; empty if it is gone
     */
    Optional<String> remove() {
        synchronized (TREE_LOCK) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                return Optional.of(path + ": " + reason(e));
            }
            removeQuietly(path.getParent());
            return Optional.empty();
        }
    }

    private static boolean makeParent(Path parent) throws IOException {
        try {
            Files.createDirectory(parent);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private void inheritCpusetIntoParent() {
        Path parent = path.getParent();
        for (String name : List.of("cpuset.cpus", "cpuset.mems")) {
            Path parentFile = parent.resolve(name);
            if (Files.exists(parentFile) && read(parentFile).isEmpty()) {
                write(parentFile, read(root.resolve(name)));
            }
        }
    }

    /** Enables the controllers for the children of the root and of the parent, in one write per level. */
    private void enableControllers() {
        for (Path level : List.of(root, path.getParent())) {
            Path subtree = level.resolve("cgroup.subtree_control");
            List<String> enabled = List.of(read(subtree).split("\\s+"));
            List<String> missing = controllers.stream().filter(c -> !enabled.contains(c)).map(c -> "+" + c).toList();
            if (!missing.isEmpty()) {
                write(subtree, String.join(" ", missing));
            }
        }
    }

    private static void removeQuietly(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            // Another partition's directory is still in it.
        } catch (IOException e) {
            // Busy (another partition) or already gone: left for the last partition to remove.
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new GuestPartitionException("writing '" + value + "' to " + file + " failed: " + reason(e), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new GuestPartitionException("reading " + file + " failed: " + reason(e), e);
        }
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return hierarchy.label() + " " + path + (controllers.isEmpty() ? "" : " " + controllers);
    }
}
