package dev.paysaga.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.paysaga.runtime.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateMachineTest {
    enum Light { RED, GREEN, AMBER }

    static final StateMachine<Light> LIGHT = StateMachine.of("light", Light.class)
            .allow(Light.RED, Light.GREEN)
            .allow(Light.GREEN, Light.AMBER)
            .allow(Light.AMBER, Light.RED)
            .build();

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "RED,   GREEN, allowed",
            "GREEN, AMBER, allowed",
            "AMBER, RED,   allowed",
            "RED,   AMBER, refused",
            "GREEN, RED,   refused",
            "RED,   RED,   refused",
    })
    void transitionsFollowTheTable(Light from, Light to, String expected) {
        if (expected.equals("allowed")) {
            assertEquals(to, LIGHT.transition("l1", from, to));
        } else {
            ApiException refused = assertThrows(ApiException.class, () -> LIGHT.transition("l1", from, to));
            assertEquals(409, refused.status());
            assertEquals("invalid_state_transition", refused.code());
        }
    }

    @Test
    void rendersAsAMermaidDiagram() {
        assertEquals("stateDiagram-v2\n    RED --> GREEN\n    GREEN --> AMBER\n    AMBER --> RED\n", LIGHT.toMermaid());
    }
}
