package dev.paysaga.runtime.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being served, set by {@link Authentication} before any resource runs. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** Empty on {@link PublicEndpoint}s and before authentication. */
    public java.util.Optional<Caller> find() {
        return java.util.Optional.ofNullable(caller);
    }

    /** Never {@code null} inside a resource method that needs a credential. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return caller;
    }
}
