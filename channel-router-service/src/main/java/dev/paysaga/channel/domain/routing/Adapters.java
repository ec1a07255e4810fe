package dev.paysaga.channel.domain.routing;

import java.util.Set;

/** The channel adapters this service has, and what each says it settles (checked besides the profile). */
public interface Adapters {
    boolean has(String channel);

    boolean settles(String channel, String currency);

    /** Adapters that settle whatever their profile allows (tests). */
    static Adapters of(Set<String> channels) {
        return new Adapters() {
            @Override
            public boolean has(String channel) {
                return channels.contains(channel);
            }

            @Override
            public boolean settles(String channel, String currency) {
                return true;
            }
        };
    }
}
