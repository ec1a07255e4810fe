package dev.paysaga.channel.domain.routing;

/**
 * A channel's fee for one payment: a fixed part plus a percentage in basis points (1 bp = 0.01 %),
 * all in minor units of the payment's currency. The percentage is rounded up (channels do not give
 * fractions of a cent away); exact integer arithmetic, never floating point.
 */
public record Fee(long fixedMinor, long basisPoints) {
    private static final long BASIS_POINTS_PER_UNIT = 10_000;

    public Fee {
        if (fixedMinor < 0 || basisPoints < 0 || basisPoints > BASIS_POINTS_PER_UNIT) {
            throw new IllegalArgumentException("fee must be a non-negative fixed part and 0..10000 basis points");
        }
    }

    public long of(long amountMinor) {
        long scaled = Math.multiplyExact(amountMinor, basisPoints);
        long percentage = scaled / BASIS_POINTS_PER_UNIT + (scaled % BASIS_POINTS_PER_UNIT == 0 ? 0 : 1);
        return Math.addExact(fixedMinor, percentage);
    }

    @Override
    public String toString() {
        return fixedMinor + "+" + basisPoints + "bp";
    }
}
