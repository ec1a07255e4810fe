package dev.paysaga.reconciliation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RunScheduleTest {
    private static final ReconciliationConfig.ChannelSchedule BEIJING_AT_10_30 = new ReconciliationConfig.ChannelSchedule() {
        @Override
        public ZoneId zone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public LocalTime runAt() {
            return LocalTime.of(10, 30);
        }

        @Override
        public boolean scheduled() {
            return true;
        }
    };

    @Test
    void yesterdayIsDueOnceTheChannelsRunAtHasPassedInItsZone() {
        // 02:29 UTC is 10:29 in Beijing: yesterday's statement is not there yet, the day before's is.
        assertEquals(LocalDate.of(2026, 12, 2), RunSweeper.dueDay(Instant.parse("2026-12-04T02:29:00Z"), BEIJING_AT_10_30));
        assertEquals(LocalDate.of(2026, 12, 3), RunSweeper.dueDay(Instant.parse("2026-12-04T02:30:00Z"), BEIJING_AT_10_30));
        // 23:00 UTC on the 3rd is already the 4th, 07:00, in Beijing.
        assertEquals(LocalDate.of(2026, 12, 2), RunSweeper.dueDay(Instant.parse("2026-12-03T23:00:00Z"), BEIJING_AT_10_30));
    }
}
