package dev.paysaga.ledger.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing sequence of steps to a small one that still fails, the way property-based
 * testing tools report a counterexample: it removes chunks of steps, halving the chunk size down
 * to one step, and keeps every removal after which the sequence still fails. Bounded by
 * {@code maxRuns} re-runs of the property, since each one talks to a real database.
 */
public final class SequenceShrinker {
    private SequenceShrinker() {
    }

    /** A failing sequence no longer than {@code failing}; {@code fails} re-runs the property on a candidate. */
    public static <T> List<T> shrink(List<T> failing, Predicate<List<T>> fails, int maxRuns) {
        List<T> smallest = List.copyOf(failing);
        int runs = 0;
        for (int chunk = Math.max(1, smallest.size() / 2); chunk >= 1 && runs < maxRuns; chunk /= 2) {
            int from = 0;
            while (from + chunk <= smallest.size() && smallest.size() > 1 && runs < maxRuns) {
                List<T> candidate = new ArrayList<>(smallest.subList(0, from));
                candidate.addAll(smallest.subList(from + chunk, smallest.size()));
                runs++;
                if (fails.test(candidate)) {
                    smallest = List.copyOf(candidate); // the same position now holds the next steps
                } else {
                    from += chunk;
                }
            }
        }
        return smallest;
    }
}
