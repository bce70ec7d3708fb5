package org.pneuma.guest;

/**
 * The command line cannot be run as given: a bad or missing option, or a channel file that is missing
 * or not what it should be. The message says which, naming the option or the file; the mains print it
 * and exit {@link #EXIT_CODE}.
 */
final class UsageException extends Exception {
    /** Exit status for a bad command line or a missing or corrupt channel file. */
    static final int EXIT_CODE = 2;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
