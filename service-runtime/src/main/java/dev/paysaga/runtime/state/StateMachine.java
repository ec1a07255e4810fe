package dev.paysaga.runtime.state;

import dev.paysaga.runtime.api.ApiException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A lifecycle declared as data: the allowed transitions of one aggregate, in one place. Services
 * ask it before they change a status, so an illegal transition is refused (409), never applied.
 */
public final class StateMachine<S extends Enum<S>> {
    private final String aggregate;
    private final Map<S, Set<S>> allowed;

    private StateMachine(String aggregate, Map<S, Set<S>> allowed) {
        this.aggregate = aggregate;
        this.allowed = allowed;
    }

    public static <S extends Enum<S>> Builder<S> of(String aggregate, Class<S> states) {
        return new Builder<>(aggregate, states);
    }

    public boolean allows(S from, S to) {
        return allowed.get(from).contains(to);
    }

    /** Returns {@code to} if the transition is allowed, else refuses with {@code invalid_state_transition}. */
    public S transition(String id, S from, S to) {
        if (!allows(from, to)) {
            throw ApiException.invalidStateTransition(
                    aggregate + " " + id + " is " + name(from) + " and cannot become " + name(to));
        }
        return to;
    }

    public Set<S> next(S from) {
        return Collections.unmodifiableSet(allowed.get(from));
    }

    /** The lifecycle as a Mermaid state diagram, for the docs. */
    public String toMermaid() {
        return "stateDiagram-v2\n" + allowed.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(to -> "    " + e.getKey() + " --> " + to))
                .collect(Collectors.joining("\n")) + "\n";
    }

    private static String name(Enum<?> state) {
        return state.name().toLowerCase();
    }

    public static final class Builder<S extends Enum<S>> {
        private final String aggregate;
        private final Map<S, Set<S>> allowed;

        private Builder(String aggregate, Class<S> states) {
            this.aggregate = aggregate;
            this.allowed = new EnumMap<>(states);
            for (S state : states.getEnumConstants()) {
                allowed.put(state, EnumSet.noneOf(states));
            }
        }

        @SafeVarargs
        public final Builder<S> allow(S from, S... to) {
            allowed.get(from).addAll(Set.of(to));
            return this;
        }

        public StateMachine<S> build() {
            return new StateMachine<>(aggregate, allowed);
        }
    }
}
