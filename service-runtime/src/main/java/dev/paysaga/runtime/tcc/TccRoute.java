package dev.paysaga.runtime.tcc;

/** Which participant answers a command: by saga type and step, as the saga's step table names them. */
public record TccRoute(String sagaType, String step) {
}
