package dev.paysaga.saga.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Sagas stand still unless the test moves them: the clock never ticks, commands stay in the outbox. The tick is
 * switched off, not set far apart: a scheduled method's first run comes right after start, where it could admit a
 * saga a test had just left waiting.
 */
public class StillSagas implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("paysaga.saga.tick-interval", "off", "paysaga.outbox.relay.enabled", "false");
    }
}
