package dev.paysaga.ledger.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SequenceShrinkerTest {
    /** Fails when a 7 comes somewhere after a 3: the smallest counterexample is [3, 7]. */
    static final Predicate<List<Integer>> SEVEN_AFTER_THREE = s -> s.contains(3) && s.lastIndexOf(7) > s.indexOf(3);

    @Test
    void aLongFailingSequenceShrinksToItsTwoCulprits() {
        Random random = new Random(42);
        List<Integer> steps = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            steps.add(random.nextInt(3) == 0 ? 5 : random.nextInt(3)); // never 3 or 7 ...
        }
        steps.add(17, 3); // ... but for these two
        steps.add(44, 7);
        assertEquals(List.of(3, 7), SequenceShrinker.shrink(steps, SEVEN_AFTER_THREE, 500));
    }

    @Test
    void itStopsAfterItsBudgetOfRuns() {
        AtomicInteger runs = new AtomicInteger();
        List<Integer> steps = new ArrayList<>(Collections.nCopies(64, 1));
        List<Integer> shrunk = SequenceShrinker.shrink(steps, s -> runs.incrementAndGet() > 0 && !s.isEmpty(), 5);
        assertEquals(5, runs.get());
        assertTrue(shrunk.size() < steps.size() && !shrunk.isEmpty(), "smaller, and still failing: " + shrunk.size());
    }

    @Test
    void aSequenceThatFailsOnlyWholeStaysWhole() {
        List<Integer> steps = List.of(1, 2, 3, 4);
        assertEquals(steps, SequenceShrinker.shrink(steps, s -> s.size() == 4, 100));
    }
}
