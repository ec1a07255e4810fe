package dev.paysaga.channel.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysaga.channel.domain.ChannelRouter;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.PaymentChannel;
import dev.paysaga.runtime.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * A channel's statement of one of its days, downloaded and checked by its adapter, for reconciliation-service
 * (internal: the service credential only). Each call downloads the file again: the router keeps no copy, so a
 * channel that corrects its file is read as corrected.
 */
@Path("/internal/v1/statements/{channel}/{date}")
public class StatementResource {
    private final ChannelRouter router;

    StatementResource(ChannelRouter router) {
        this.router = router;
    }

    /**
     * @param zone the channel's time zone: {@code date} runs from midnight to midnight there
     */
    public record StatementView(String channel, String date, String zone, List<LineView> lines) {
    }

    /** {@code kind} payment or refund; {@code refund_id} only for a refund. */
    public record LineView(String kind, @JsonProperty("payment_id") String paymentId,
            @JsonProperty("channel_trade_no") String channelTradeNo, @JsonProperty("refund_id") String refundId,
            @JsonProperty("amount") long amountMinor, String currency, Instant at) {
        static LineView of(ChannelStatement.Line line) {
            return new LineView(line.kind().name().toLowerCase(Locale.ROOT), line.paymentId(), line.channelTradeNo(),
                    line.refundId(), line.amountMinor(), line.currency(), line.at());
        }
    }

    @GET
    public Uni<StatementView> statement(@PathParam("channel") String channel, @PathParam("date") String date) {
        PaymentChannel adapter = router.byName(channel)
                .orElseThrow(() -> ApiException.invalidRequest("channel", "No channel is named " + channel));
        LocalDate day = day(date);
        return adapter.statement(day).map(statement -> new StatementView(channel, day.toString(),
                adapter.statementZone().getId(), statement.lines().stream().map(LineView::of).toList()));
    }

    private static LocalDate day(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest("date", "date must be a calendar day (yyyy-MM-dd)");
        }
    }
}
