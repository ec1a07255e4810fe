package dev.paysaga.saga.domain;

import java.util.List;
import java.util.Optional;

/**
 * A saga as its step table. Tries run one step after another in table order (a later Try may rely
 * on an earlier one), or all at once when no Try relies on another; Confirms all go out at once;
 * Cancels run in reverse table order.
 *
 * @param name  unique name of this table, stored with each saga it runs
 * @param type  the saga type the API and the participants see; several tables may share one
 *              (paying by wallet or through a channel are both {@code pay_order})
 * @param bounded whether its sagas count against the orchestrator's in-flight limit and wait for a
 *              free slot before their first command ({@code SagaAdmission}). A saga that waits on a
 *              person is not: a channel payment would hold its slot for the minutes its customer
 *              takes, and that customer already holds the QR code, so it must not queue either.
 * @param triesAtOnce whether every Try goes out when the saga starts. Each participant still sees its
 *              Try before any Cancel (both go to its topic under the saga's key, in order), so a refusal
 *              compensates exactly as in sequence; the saga just does not wait a round trip per step.
 */
public record SagaDefinition(String name, String type, List<StepDefinition> steps, boolean bounded,
        boolean triesAtOnce) {
    public SagaDefinition {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.stream().map(StepDefinition::name).distinct().count() != steps.size()) {
            throw new IllegalArgumentException("a saga has at least one step, each with a unique name");
        }
    }

    /** Tries in table order. */
    public SagaDefinition(String name, String type, List<StepDefinition> steps, boolean bounded) {
        this(name, type, steps, bounded, false);
    }

    /** A bounded table, Tries in order, that is the only one of its type. */
    public SagaDefinition(String type, List<StepDefinition> steps) {
        this(type, type, steps, true);
    }

    public Optional<StepDefinition> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
