package dev.paysaga.channel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lifecycle as a table: a transaction resolves once and never moves again, but for the release of
 * an authorization that was never captured.
 */
class ChannelTransactionStatusTest {
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PENDING   | SUCCEEDED | true
            PENDING   | FAILED    | true
            PENDING   | CLOSED    | true
            PENDING   | PENDING   | false
            SUCCEEDED | FAILED    | false
            SUCCEEDED | CLOSED    | false
            SUCCEEDED | PENDING   | false
            FAILED    | SUCCEEDED | false
            CLOSED    | SUCCEEDED | false
            CLOSED    | FAILED    | false
            SUCCEEDED | RELEASED  | true
            PENDING   | RELEASED  | false
            FAILED    | RELEASED  | false
            CLOSED    | RELEASED  | false
            RELEASED  | SUCCEEDED | false
            RELEASED  | CLOSED    | false
            """)
    void aTransactionResolvesOnce(ChannelTransactionStatus from, ChannelTransactionStatus to, boolean allowed) {
        assertEquals(allowed, ChannelTransactionStatus.LIFECYCLE.allows(from, to));
    }
}
