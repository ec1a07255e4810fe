package dev.paysaga.sandbox.statements;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Scripts a channel's statement of one day (JSON in snake_case, every field optional):
 * {@code PUT /admin/statements/{channel}/{yyyy-MM-dd}} stores the script and answers it with its made-up numbers,
 * {@code GET} shows it, {@code DELETE} removes it (204). The day is the channel's business day as its statement names
 * it. An unknown channel, or no script for the day on GET, is 404 (DELETE of none is 204 too); a malformed day or body is 400 (an
 * unknown field too, so a misspelt one does not pass unnoticed).
 */
@Path("/admin/statements/{channel}/{date}")
public class StatementScriptResource {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    @Inject
    StatementScripts scripts;
    @Inject
    Instance<ScriptedChannel> channels;

    private final ObjectReader reader;

    /** The application's snake_case mapper, strict: an amount must be a JSON integer, not "12" or 12.5. */
    @Inject
    public StatementScriptResource(ObjectMapper json) {
        ObjectMapper strict = json.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        this.reader = strict.readerFor(StatementScript.class);
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public StatementScript put(@PathParam("channel") String channel, @PathParam("date") String date, String body) {
        ScriptedChannel scripted = known(channel);
        LocalDate day = day(date);
        StatementScript given;
        try {
            given = body == null || body.isBlank() ? null : reader.readValue(body);
        } catch (JsonProcessingException e) {
            throw badRequest("unreadable script: " + e.getOriginalMessage());
        }
        if (given == null) {
            throw badRequest("a JSON object is required ({} for a script that changes nothing)");
        }
        try {
            return scripts.put(scripted, day, given);
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw new WebApplicationException(e.getMessage(), Response.Status.CONFLICT);
        }
    }

    @GET
    public StatementScript get(@PathParam("channel") String channel, @PathParam("date") String date) {
        String name = known(channel).channel();
        LocalDate day = day(date);
        return scripts.of(name, day).orElseThrow(() -> new NotFoundException("no script for " + name + " on " + day));
    }

    @DELETE
    public Response delete(@PathParam("channel") String channel, @PathParam("date") String date) {
        scripts.remove(known(channel).channel(), day(date));
        return Response.noContent().build(); // also when there was none: a test's clean-up need not know
    }

    private ScriptedChannel known(String channel) {
        return channels.stream().filter(c -> c.channel().equals(channel)).findFirst()
                .orElseThrow(() -> new NotFoundException("unknown channel " + channel));
    }

    private static LocalDate day(String date) {
        try {
            return LocalDate.parse(date, DAY);
        } catch (DateTimeParseException e) {
            throw badRequest("the day must be yyyy-MM-dd: " + date);
        }
    }

    private static BadRequestException badRequest(String message) {
        return new BadRequestException(Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN)
                .entity(message).build());
    }
}
