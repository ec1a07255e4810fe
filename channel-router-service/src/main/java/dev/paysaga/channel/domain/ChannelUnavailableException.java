package dev.paysaga.channel.domain;

/** A channel call whose outcome is unknown: unreachable, timed out, a system error, or an untrusted answer. */
public class ChannelUnavailableException extends RuntimeException {
    public ChannelUnavailableException(String message) {
        super(message, null, false, false);
    }
}
