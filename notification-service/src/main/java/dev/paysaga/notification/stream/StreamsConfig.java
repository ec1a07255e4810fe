package dev.paysaga.notification.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code paysaga.streams.*}: the live event streams (Server-Sent Events, docs/webhooks.md "Live events"). */
@ConfigMapping(prefix = "paysaga.streams")
public interface StreamsConfig {
    /** A comment line this often keeps a quiet stream open through proxies and tells the client it is alive. */
    @WithDefault("15s")
    Duration heartbeat();

    /** How often positions are given and streams fed without a wake-up (one lost while reconnecting). */
    @WithDefault("1s")
    Duration sweepInterval();

    /**
     * Events one stream may have waiting to be written; a client that falls further behind is disconnected
     * and resumes with {@code Last-Event-ID}, so a slow reader costs bounded memory and loses nothing.
     */
    @WithDefault("1000")
    int bufferSize();

    /** Open streams per replica at most; more are refused with 503 and go to another replica. */
    @WithDefault("20000")
    int maxStreams();
}
