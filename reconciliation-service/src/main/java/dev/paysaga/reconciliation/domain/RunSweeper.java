package dev.paysaga.reconciliation.domain;

import dev.paysaga.reconciliation.persistence.RunStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.jboss.logging.Logger;

/**
 * The background of reconciliation, on every replica: starts each channel's run of yesterday once its statement is
 * there (its {@code run-at} the next day in its zone; recorded once whichever replica gets there first), runs again
 * what a stopped replica left running, and works through pending automatic resolutions.
 */
@ApplicationScoped
public class RunSweeper {
    private static final Logger LOG = Logger.getLogger(RunSweeper.class);

    private final Runs runs;
    private final RunStore store;
    private final AutomaticResolutions automatic;
    private final ReconciliationConfig config;
    private final Clock clock = Clock.systemUTC();

    RunSweeper(Runs runs, RunStore store, AutomaticResolutions automatic, ReconciliationConfig config) {
        this.runs = runs;
        this.store = store;
        this.automatic = automatic;
        this.config = config;
    }

    @Scheduled(every = "${paysaga.reconciliation.sweep-interval:PT30S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        automatic.wake();
        return Uni.combine().all().unis(scheduled(), abandoned()).discardItems()
                .onFailure().invoke(e -> LOG.warnf("reconciliation sweep: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Yesterday's run of each scheduled channel whose statement is due by now. */
    private Uni<Void> scheduled() {
        Instant now = clock.instant();
        return Multi.createFrom().iterable(config.channels().entrySet())
                .filter(channel -> channel.getValue().scheduled())
                .onItem().transformToUniAndConcatenate(channel -> {
                    LocalDate due = dueDay(now, channel.getValue());
                    return runs.start(channel.getKey(), due, Run.SCHEDULED, "schedule").replaceWithVoid();
                })
                .collect().last().replaceWithVoid();
    }

    /** The last day whose statement is due at {@code now}: yesterday once today's run-at has passed, else the day before. */
    static LocalDate dueDay(Instant now, ReconciliationConfig.ChannelSchedule schedule) {
        ZonedDateTime local = now.atZone(schedule.zone());
        LocalDate today = local.toLocalDate();
        return local.toLocalTime().isBefore(schedule.runAt()) ? today.minusDays(2) : today.minusDays(1);
    }

    private Uni<Void> abandoned() {
        return store.abandoned(clock.instant().minus(config.abandonedAfter()))
                .onItem().transformToMulti(Multi.createFrom()::iterable)
                .onItem().transformToUniAndConcatenate(id -> store.find(id).chain(run -> {
                    LOG.infof("run %s of %s %s was left running: running it again", id, run.channel(), run.businessDay());
                    return runs.execute(run);
                }))
                .collect().last().replaceWithVoid();
    }
}
