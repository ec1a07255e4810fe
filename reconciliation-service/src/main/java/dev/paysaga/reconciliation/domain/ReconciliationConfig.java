package dev.paysaga.reconciliation.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/** {@code paysaga.reconciliation.*} (docs/reconciliation.md). */
@ConfigMapping(prefix = "paysaga.reconciliation")
public interface ReconciliationConfig {
    /** The channels reconciled, by name: when each publishes its statement of a day. */
    Map<String, ChannelSchedule> channels();

    /** How close to midnight a transaction may be listed on the neighbouring day's statement. */
    @WithDefault("PT15M")
    Duration carryWindow();

    /** How often due runs and pending resolutions are looked for. */
    @WithDefault("PT30S")
    Duration sweepInterval();

    /** A run still running after this was left by a replica that stopped: it is run again. */
    @WithDefault("PT5M")
    Duration abandonedAfter();

    /** A scheduled run that failed (its channel did not answer) is tried again after this. */
    @WithDefault("PT10M")
    Duration retryFailedAfter();

    /** How many times an automatic resolution is tried before it is left failed for a person. */
    @WithDefault("20")
    int maxAttempts();

    interface ChannelSchedule {
        /** The channel's time zone: its days run from midnight to midnight there. */
        ZoneId zone();

        /** When, the next day in the channel's zone, its statement of a day is there to be read. */
        @WithDefault("10:30")
        LocalTime runAt();

        /** Whether the day is reconciled on schedule (on demand it always can be). */
        @WithDefault("true")
        boolean scheduled();
    }
}
