package dev.paysaga.saga.domain;

import java.util.List;
import java.util.Optional;

/**
 * A saga type as its step table. Tries run one step after another in table order (a later Try
 * may rely on an earlier one); Confirms all go out at once; Cancels run in reverse table order.
 */
public record SagaDefinition(String type, List<StepDefinition> steps) {
    public SagaDefinition {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.stream().map(StepDefinition::name).distinct().count() != steps.size()) {
            throw new IllegalArgumentException("a saga has at least one step, each with a unique name");
        }
    }

    public Optional<StepDefinition> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
