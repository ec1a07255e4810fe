package dev.paysaga.channel.domain;

/**
 * A notification that is not trusted or not ours. {@code reason} is a stable metric tag
 * ({@code bad_signature}, {@code unknown_app}, {@code malformed}, …); {@code paymentId} is what
 * the notification claims, for the log, or null.
 */
public class NotificationRefusedException extends RuntimeException {
    private final String reason;
    private final String paymentId;

    public NotificationRefusedException(String reason, String paymentId) {
        super(reason, null, false, false);
        this.reason = reason;
        this.paymentId = paymentId;
    }

    public String reason() {
        return reason;
    }

    public String paymentId() {
        return paymentId;
    }
}
