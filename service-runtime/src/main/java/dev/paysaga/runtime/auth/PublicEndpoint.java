package dev.paysaga.runtime.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Needs no PaySaga credential because it proves its caller otherwise: a channel's signed
 * notification, or a per-payment client secret. The endpoint itself must check that proof.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface PublicEndpoint {
    /** What proves the caller, for reviewers and docs. */
    String value();
}
