package dev.paysaga.channel.domain;

import java.util.Objects;

/**
 * A secret (a private key, a signature, a token) that cannot reach a log by accident: its
 * {@code toString} never shows the value. Read it with {@link #reveal()} where it is used, nowhere else.
 */
public final class Masked<T> {
    private static final String MASK = "****";
    private final T value;

    private Masked(T value) {
        this.value = Objects.requireNonNull(value);
    }

    public static <T> Masked<T> of(T value) {
        return new Masked<>(value);
    }

    public T reveal() {
        return value;
    }

    @Override
    public String toString() {
        return MASK;
    }
}
