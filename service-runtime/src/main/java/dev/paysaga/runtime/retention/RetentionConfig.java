package dev.paysaga.runtime.retention;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code paysaga.retention.*}: how long each shared table keeps a row once nothing needs it. The platform
 * defaults (service-runtime's microprofile-config.properties) say why each window is safe.
 */
@ConfigMapping(prefix = "paysaga.retention")
public interface RetentionConfig {
    /** Whether the jobs run on their schedule; {@link RetentionJobs#purge} works either way. */
    boolean enabled();

    Duration interval();

    /** Rows deleted per transaction. */
    int batch();

    Window outboxMessage();

    Window inboxMessage();

    Window tccBranch();

    Window idempotencyKey();

    interface Window {
        Duration keep();
    }
}
