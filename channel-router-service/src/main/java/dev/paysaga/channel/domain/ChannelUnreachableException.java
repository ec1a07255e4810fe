package dev.paysaga.channel.domain;

/**
 * A channel call that never reached the channel: the connection could not be made (refused, no route,
 * connect timeout) or a key to sign it is missing. Nothing was sent, so the channel cannot have taken
 * the payment, and the router may fail over to the next channel. Any failure after the request may
 * have left is a plain {@link ChannelUnavailableException}: its outcome is unknown.
 */
public class ChannelUnreachableException extends ChannelUnavailableException {
    public ChannelUnreachableException(String message) {
        super(message);
    }
}
