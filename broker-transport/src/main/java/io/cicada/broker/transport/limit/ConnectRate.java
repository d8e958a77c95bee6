package io.cicada.broker.transport.limit;

/**
 * A cap on how fast new connections arrive on a listener: {@code perSecond} on average, {@code burst} at once after a
 * quiet spell. Immutable.
 *
 * @param perSecond new connections a second, 0 for no limit
 * @param burst connections accepted at once; 0 means {@code perSecond}
 */
public record ConnectRate(int perSecond, int burst) {

    /** No limit. */
    public static final ConnectRate NONE = new ConnectRate(0, 0);

    public ConnectRate {
        if (perSecond < 0 || burst < 0) {
            throw new IllegalArgumentException("connect rate and burst must not be negative");
        }
    }

    /** Whether new connections are limited. */
    public boolean limited() {
        return perSecond > 0;
    }

    /** The burst in effect: {@link #burst()}, or the rate when it is 0. */
    public int effectiveBurst() {
        return burst > 0 ? burst : perSecond;
    }
}
