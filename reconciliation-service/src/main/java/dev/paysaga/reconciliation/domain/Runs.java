package dev.paysaga.reconciliation.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.reconciliation.persistence.Books;
import dev.paysaga.reconciliation.persistence.ResolutionStore;
import dev.paysaga.reconciliation.persistence.RunStore;
import dev.paysaga.reconciliation.router.ChannelRouterApi;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.ids.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Reconciles a channel's business day: reads the channel's statement through channel-router, our books of that day
 * (and whatever else the statement names), matches them ({@link Matcher}), and stores the discrepancies with what
 * changed since the day's previous run, in one transaction that also plans the automatic resolutions. A run is
 * started, answered at once, and completes in the background; a run left running by a stopped replica is run again
 * ({@link RunSweeper}), which stores its result once.
 */
@ApplicationScoped
public class Runs {
    private static final Logger LOG = Logger.getLogger(Runs.class);
    private static final int CHANGES_LISTED = 100;

    private final ReconciliationConfig config;
    private final RunStore runs;
    private final Books books;
    private final ResolutionStore resolutions;
    private final ChannelRouterApi router;
    private final Pool pool;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final AutomaticResolutions automatic;
    private final Clock clock = Clock.systemUTC();

    Runs(ReconciliationConfig config, RunStore runs, Books books, ResolutionStore resolutions,
            @RestClient ChannelRouterApi router, Pool pool, ObjectMapper json, MeterRegistry metrics,
            AutomaticResolutions automatic) {
        this.config = config;
        this.runs = runs;
        this.books = books;
        this.resolutions = resolutions;
        this.router = router;
        this.pool = pool;
        this.json = json;
        this.metrics = metrics;
        this.automatic = automatic;
    }

    /** The channels reconciled, and each one's time zone. */
    public Map<String, ZoneId> channels() {
        Map<String, ZoneId> zones = new TreeMap<>();
        config.channels().forEach((name, schedule) -> zones.put(name, schedule.zone()));
        return zones;
    }

    /**
     * Starts a run of the day and answers it running. Refused: a channel not reconciled here, a day that has not
     * begun yet in the channel's zone. Empty for a scheduled run of a day that has one already.
     */
    public Uni<Run> start(String channel, LocalDate day, String trigger, String requestedBy) {
        ZoneId zone = channels().get(channel);
        if (zone == null) {
            throw ApiException.invalidRequest("channel", "channel must be one of " + String.join(", ", channels().keySet()));
        }
        if (day.isAfter(LocalDate.now(clock.withZone(zone)))) {
            throw ApiException.invalidRequest("date", "date is in the future in " + channel + "'s time zone (" + zone + ")");
        }
        return runs.insert(Ids.next("rcr"), channel, day, trigger, requestedBy, config.retryFailedAfter()).invoke(run -> {
            if (run != null) {
                execute(run).subscribe().with(done -> { }, e -> LOG.errorf(e, "run %s failed", run.id()));
            }
        });
    }

    /** Executes a recorded run to its end: completed, or failed with why (a channel that did not answer). */
    public Uni<Void> execute(Run run) {
        return router.statement(run.channel(), run.businessDay().toString())
                .chain(statement -> reconcile(run, statement))
                .onFailure().call(e -> {
                    LOG.warnf("run %s of %s %s failed: %s", run.id(), run.channel(), run.businessDay(), e.toString());
                    return runs.fail(run.id(), failure(e));
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> reconcile(Run run, ChannelRouterApi.Statement statement) {
        BusinessDay day = new BusinessDay(run.businessDay(), ZoneId.of(statement.zone()), config.carryWindow());
        List<StatementLine> listed = statement.lines().stream().map(Runs::line).toList();
        return ourIds(run.channel(), listed).chain(lines -> books.of(run.channel(), day)
                .chain(window -> named(lines, window))
                .chain(ours -> runs.carriedFrom(run.channel(), run.businessDay().minusDays(1))
                        .map(carried -> Matcher.match(day, lines, ours, carried)))
                .chain(result -> runs.previous(run.channel(), run.businessDay(), run.attempt())
                        .chain(previous -> previous == null ? Uni.createFrom().item(List.<Item>of())
                                : runs.allItems(previous.id()))
                        .chain(before -> store(run, day, result, before))));
    }

    /**
     * Lines that name a trade only by the channel's id (Stripe's payment lines: the PaymentIntent id is always there,
     * our payment id only in the charge's metadata) get our payment id from our books, where we know the trade.
     */
    private Uni<List<StatementLine>> ourIds(String channel, List<StatementLine> lines) {
        Set<String> unnamed = lines.stream().filter(line -> line.paymentId() == null && line.channelTradeNo() != null)
                .map(StatementLine::channelTradeNo).collect(Collectors.toSet());
        if (unnamed.isEmpty()) {
            return Uni.createFrom().item(lines);
        }
        return books.paymentsByTradeNo(channel, unnamed).map(ours -> lines.stream()
                .map(line -> line.paymentId() != null || !ours.containsKey(line.channelTradeNo()) ? line
                        : new StatementLine(line.kind(), ours.get(line.channelTradeNo()), line.channelTradeNo(),
                                line.refundId(), line.amountMinor(), line.currency(), line.at()))
                .toList());
    }

    /** Our books' records of the day, and of everything else the statement names (its lines may be of any day). */
    private Uni<List<Booked>> named(List<StatementLine> lines, List<Booked> window) {
        Set<String> known = window.stream().map(Booked::key).collect(Collectors.toSet());
        Set<String> payments = new HashSet<>();
        Set<String> refunds = new HashSet<>();
        for (StatementLine line : lines) {
            if (known.contains(line.key())) {
                continue;
            }
            if (line.kind() == StatementLine.Kind.REFUND && line.refundId() != null) {
                refunds.add(line.refundId());
            } else if (line.kind() == StatementLine.Kind.PAYMENT && line.paymentId() != null) {
                payments.add(line.paymentId());
            }
        }
        if (payments.isEmpty() && refunds.isEmpty()) {
            return Uni.createFrom().item(window);
        }
        return books.named(payments, refunds).chain(found -> {
            List<Booked> all = new ArrayList<>(window);
            all.addAll(found);
            found.forEach(record -> payments.remove(record.paymentId()));
            return routerRecords(payments).map(fromRouter -> {
                all.addAll(fromRouter);
                return all;
            });
        });
    }

    /**
     * Payments our books have no word of yet (no channel outcome, no payment outcome): channel-router knows whether
     * it holds them pending (our saga waits) or closed (cancelled here). Unknown there too: none of ours.
     */
    private Uni<List<Booked>> routerRecords(Set<String> paymentIds) {
        if (paymentIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Booked>> lookups = paymentIds.stream().sorted().map(id -> router.transaction(id)
                .map(Runs::booked)
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404).recoverWithNull())
                .toList();
        return Uni.join().all(lookups).andFailFast().map(found -> found.stream().filter(b -> b != null).toList());
    }

    private static Booked booked(ChannelRouterApi.Transaction tx) {
        String status = switch (tx.status()) {
            case "pending" -> null;
            case "succeeded" -> Booked.SUCCEEDED;
            default -> Booked.FAILED; // failed, closed, released: no money of this payment is ours to keep
        };
        return new Booked(StatementLine.Kind.PAYMENT, tx.paymentId(), null, tx.channel(), null, tx.amountMinor(),
                tx.currency(), status, null, null);
    }

    private Uni<Void> store(Run run, BusinessDay day, Matcher.Result result, List<Item> before) {
        List<Item> items = new ArrayList<>();
        int seq = 0;
        for (Discrepancy d : result.discrepancies()) {
            items.add(new Item(run.id(), ++seq, d.kind(), d.subject(), d.paymentId(), d.refundId(), d.amountMinor(),
                    d.currency(), d.ours() == null ? null : json.valueToTree(d.ours()),
                    d.theirs() == null ? null : json.valueToTree(d.theirs()), d.note(), d.resolution().apiName(), null, null));
        }
        JsonNode totals = totals(result.totals());
        JsonNode changes = changes(before, items);
        return pool.withTransaction(tx -> runs.complete(tx, run, items, totals, changes, day.zone().getId())
                        .call(completed -> completed ? resolutions.planAutomatic(tx, run.channel(), items)
                                : Uni.createFrom().voidItem()))
                .invoke(completed -> {
                    if (completed) {
                        count(run, before, items);
                        LOG.infof("run %s of %s %s: %d lines, %d matched, %d discrepancies", run.id(), run.channel(),
                                run.businessDay(), result.totals().statement().count(), result.totals().matched().count(),
                                items.size());
                        automatic.wake();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Every reconciled channel's discrepancy counters exist from startup, at 0: a counter created by its first
     * discrepancy would show up already at 1, and an alert on its increase would miss that one.
     */
    void discrepancyCountersFromZero(@Observes StartupEvent event) {
        config.channels().keySet().forEach(channel -> Arrays.stream(DiscrepancyKind.values())
                .forEach(kind -> discrepancies(channel, kind)));
    }

    /** New discrepancies (not in the day's previous run) counted per kind: what alerting watches. */
    private void count(Run run, List<Item> before, List<Item> items) {
        Set<String> previous = before.stream().map(Runs::key).collect(Collectors.toSet());
        items.stream().filter(item -> !previous.contains(key(item)))
                .forEach(item -> discrepancies(run.channel(), item.kind()).increment());
        metrics.counter("paysaga.reconciliation.runs", "channel", run.channel(), "trigger", run.trigger()).increment();
    }

    private Counter discrepancies(String channel, DiscrepancyKind kind) {
        return metrics.counter("paysaga.reconciliation.discrepancies", "channel", channel, "kind", kind.apiName());
    }

    private JsonNode totals(Totals totals) {
        ObjectNode node = json.createObjectNode();
        node.set("statement", sum(totals.statement()));
        node.set("matched", sum(totals.matched()));
        ObjectNode unmatched = node.putObject("unmatched");
        for (DiscrepancyKind kind : DiscrepancyKind.values()) {
            Totals.Sum sum = totals.byKind().get(kind);
            unmatched.set(kind.apiName(), sum == null ? sum(new Totals.Sum()) : sum(sum));
        }
        return node;
    }

    private ObjectNode sum(Totals.Sum sum) {
        ObjectNode node = json.createObjectNode().put("count", sum.count());
        ObjectNode amounts = node.putObject("amounts");
        sum.amounts().forEach(amounts::put);
        return node;
    }

    /**
     * What differs from the day's previous run, by discrepancy (kind and subject): new ones, gone ones (resolved,
     * or the channel corrected its file), and how many stayed. The first run of a day has everything new.
     */
    private JsonNode changes(List<Item> before, List<Item> now) {
        Map<String, Item> previous = before.stream().collect(Collectors.toMap(Runs::key, i -> i, (a, b) -> a, TreeMap::new));
        Map<String, Item> current = now.stream().collect(Collectors.toMap(Runs::key, i -> i, (a, b) -> a, TreeMap::new));
        ObjectNode node = json.createObjectNode();
        node.put("previous_run", before.isEmpty() ? null : before.get(0).runId());
        ArrayNode added = node.putArray("new");
        ArrayNode gone = node.putArray("gone");
        int unchanged = 0;
        for (Map.Entry<String, Item> entry : current.entrySet()) {
            if (previous.containsKey(entry.getKey())) {
                unchanged++;
            } else if (added.size() < CHANGES_LISTED) {
                added.addObject().put("kind", entry.getValue().kind().apiName()).put("subject", entry.getValue().subject());
            }
        }
        for (Map.Entry<String, Item> entry : previous.entrySet()) {
            if (!current.containsKey(entry.getKey()) && gone.size() < CHANGES_LISTED) {
                gone.addObject().put("kind", entry.getValue().kind().apiName()).put("subject", entry.getValue().subject());
            }
        }
        node.put("unchanged", unchanged);
        return node;
    }

    /** A discrepancy across a day's runs: its kind and subject. */
    private static String key(Item item) {
        return item.kind().apiName() + " " + item.subject();
    }

    private static StatementLine line(ChannelRouterApi.Line line) {
        StatementLine.Kind kind = "refund".equals(line.kind()) ? StatementLine.Kind.REFUND : StatementLine.Kind.PAYMENT;
        return new StatementLine(kind, line.paymentId(), line.channelTradeNo(), line.refundId(), line.amountMinor(),
                line.currency(), line.at());
    }

    private static String failure(Throwable e) {
        if (e instanceof WebApplicationException w) {
            return "channel-router answered " + w.getResponse().getStatus() + " for the statement";
        }
        return "the statement could not be read: " + e.getClass().getSimpleName();
    }
}
