package dev.paysaga.sandbox.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import java.util.TreeMap;

/** Scripts the sandbox: {@code PUT /admin/channels/{channel}} sets how a channel behaves. */
@Path("/admin/channels")
public class AdminResource {
    @Inject
    Behaviours behaviours;

    @GET
    public Map<String, ChannelBehaviour> all() {
        Map<String, ChannelBehaviour> all = new TreeMap<>();
        Behaviours.CHANNELS.forEach(channel -> all.put(channel, behaviours.of(channel)));
        return all;
    }

    @GET
    @Path("{channel}")
    public ChannelBehaviour get(@PathParam("channel") String channel) {
        return behaviours.of(known(channel));
    }

    @PUT
    @Path("{channel}")
    public ChannelBehaviour set(@PathParam("channel") String channel, ChannelBehaviour behaviour) {
        if (behaviour == null) {
            throw new BadRequestException("a behaviour is required");
        }
        behaviours.set(known(channel), behaviour);
        return behaviour;
    }

    private static String known(String channel) {
        if (!Behaviours.CHANNELS.contains(channel)) {
            throw new NotFoundException("unknown channel " + channel);
        }
        return channel;
    }
}
