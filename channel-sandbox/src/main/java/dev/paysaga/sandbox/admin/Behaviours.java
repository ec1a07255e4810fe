package dev.paysaga.sandbox.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The current behaviour of each channel the sandbox plays; {@link ChannelBehaviour#NORMAL} until scripted. */
@ApplicationScoped
public class Behaviours {
    public static final Set<String> CHANNELS = Set.of("alipay", "wechatpay", "unionpay", "stripe");
    private final Map<String, ChannelBehaviour> behaviours = new ConcurrentHashMap<>();

    public ChannelBehaviour of(String channel) {
        return behaviours.getOrDefault(channel, ChannelBehaviour.NORMAL);
    }

    void set(String channel, ChannelBehaviour behaviour) {
        if (!CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("unknown channel " + channel);
        }
        behaviours.put(channel, behaviour);
    }
}
