package dev.paysaga.runtime.messaging;

/**
 * A message that can never be processed as it is (unreadable envelope or data, or data that
 * breaks the contract). It goes straight to the dead-letter topic instead of being retried.
 */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
