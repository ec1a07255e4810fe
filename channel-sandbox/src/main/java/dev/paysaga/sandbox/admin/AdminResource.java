package dev.paysaga.sandbox.admin;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Scripts the sandbox: {@code PUT /admin/channels/{channel}} sets how a channel behaves. */
@Path("/admin/channels")
public class AdminResource {
    static final Set<String> CHANNELS = Set.of("alipay", "wechatpay", "unionpay", "stripe");
    private final Map<String, ChannelBehaviour> behaviours = new ConcurrentHashMap<>();

    @GET
    public Map<String, ChannelBehaviour> all() {
        Map<String, ChannelBehaviour> all = new java.util.TreeMap<>();
        CHANNELS.forEach(channel -> all.put(channel, behaviour(channel)));
        return all;
    }

    @GET
    @Path("{channel}")
    public ChannelBehaviour get(@PathParam("channel") String channel) {
        return behaviour(known(channel));
    }

    @PUT
    @Path("{channel}")
    public ChannelBehaviour set(@PathParam("channel") String channel, ChannelBehaviour behaviour) {
        if (behaviour == null) {
            throw new BadRequestException("a behaviour is required");
        }
        behaviours.put(known(channel), behaviour);
        return behaviour;
    }

    public ChannelBehaviour behaviour(String channel) {
        return behaviours.getOrDefault(channel, ChannelBehaviour.NORMAL);
    }

    private static String known(String channel) {
        if (!CHANNELS.contains(channel)) {
            throw new NotFoundException("unknown channel " + channel);
        }
        return channel;
    }
}
