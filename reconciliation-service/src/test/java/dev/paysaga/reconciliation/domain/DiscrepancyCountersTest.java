package dev.paysaga.reconciliation.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The discrepancy counters alerting watches exist from startup, one per reconciled channel and kind: a counter
 * created by its first discrepancy would be scraped at 1 already, and an alert on its increase would miss it.
 */
@QuarkusTest
class DiscrepancyCountersTest {
    @Inject
    MeterRegistry metrics;
    @Inject
    Runs runs;

    @Test
    void everyReconciledChannelHasACounterOfEachKind() {
        assertFalse(runs.channels().isEmpty());
        for (String channel : runs.channels().keySet()) {
            for (DiscrepancyKind kind : DiscrepancyKind.values()) {
                assertNotNull(metrics.find("paysaga.reconciliation.discrepancies")
                        .tags("channel", channel, "kind", kind.apiName()).counter(), channel + " " + kind.apiName());
            }
        }
    }
}
