package dev.paysaga.saga.domain;

/** The three TCC phases of a step. */
public enum Phase {
    TRY, CONFIRM, CANCEL
}
