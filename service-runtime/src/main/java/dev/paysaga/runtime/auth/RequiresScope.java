package dev.paysaga.runtime.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A merchant operation: a merchant key holding this scope may call it (on its own objects only), and so
 * may the platform operator. A {@code /v1} operation without this annotation is a platform operation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresScope {
    String value();
}
