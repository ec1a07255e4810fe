package dev.paysaga.runtime.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation a buyer's page may also call with the client secret of one object
 * ({@link ClientSecrets}, {@code Authorization: Bearer ord_…_secret_…}); the credentials it otherwise takes
 * keep working as before. The caller is then a {@link Caller.Kind#CUSTOMER}, who sees no merchant's
 * objects: the operation itself checks that the object is the one the secret is for
 * ({@link Caller#sees(String, String)}) and answers {@code not_found} otherwise. Anywhere else a client
 * secret is {@code 401 unauthenticated}. Methods only: a whole resource must not open to buyers by accident.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ClientSecretAccepted {
}
