package dev.paysaga.saga.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Sagas stand still unless the test moves them: the clock never ticks, commands stay in the outbox. */
public class StillSagas implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("paysaga.saga.tick-interval", "1h", "paysaga.outbox.relay.enabled", "false");
    }
}
