package dev.paysaga.sandbox.simulation;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs the simulated customers and the notification deliveries later, off the request threads.
 * Pending work is bounded by the trade store: at most one customer action and one delivery attempt per trade or order.
 */
@ApplicationScoped
public class SandboxScheduler {
    private static final Logger LOG = Logger.getLogger(SandboxScheduler.class);
    private final AtomicInteger threads = new AtomicInteger();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, task -> {
        Thread thread = new Thread(task, "channel-sandbox-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    public void later(long delayMillis, Runnable task) {
        executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("sandbox task failed", e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
