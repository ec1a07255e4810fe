package dev.paysaga.saga.domain;

import java.util.List;
import java.util.Optional;

/**
 * A saga as its step table. Tries run one step after another in table order (a later Try may rely
 * on an earlier one); Confirms all go out at once; Cancels run in reverse table order.
 *
 * @param name  unique name of this table, stored with each saga it runs
 * @param type  the saga type the API and the participants see; several tables may share one
 *              (paying by wallet or through a channel are both {@code pay_order})
 */
public record SagaDefinition(String name, String type, List<StepDefinition> steps) {
    public SagaDefinition {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.stream().map(StepDefinition::name).distinct().count() != steps.size()) {
            throw new IllegalArgumentException("a saga has at least one step, each with a unique name");
        }
    }

    /** A table that is the only one of its type. */
    public SagaDefinition(String type, List<StepDefinition> steps) {
        this(type, type, steps);
    }

    public Optional<StepDefinition> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
