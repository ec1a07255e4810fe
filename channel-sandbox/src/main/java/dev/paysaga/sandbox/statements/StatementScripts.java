package dev.paysaga.sandbox.statements;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statement scripts in force, by channel and day, in memory like every other state of the sandbox (a test
 * double: nothing survives a restart). Bounded: a test deletes its script when done.
 */
@ApplicationScoped
public class StatementScripts {
    static final int MAX_SCRIPTS = 1_000;

    private record Key(String channel, LocalDate day) {
    }

    private final Map<Key, StatementScript> scripts = new ConcurrentHashMap<>();

    /**
     * Stores the script for the channel's day, its made-up numbers minted now; the stored script. The added lines
     * happen now if the day is today, else at the day's first second (a day to come) or last (a day gone).
     */
    public StatementScript put(ScriptedChannel channel, LocalDate day, StatementScript given) {
        for (StatementScript.ExtraTrade trade : given.extra()) {
            String currency = trade.currency() == null ? channel.defaultCurrency() : trade.currency().toUpperCase(Locale.ROOT);
            if (!channel.takes(currency)) {
                throw new IllegalArgumentException(channel.channel() + " statements carry no " + currency + " lines");
            }
        }
        Key key = new Key(channel.channel(), day);
        if (!scripts.containsKey(key) && scripts.size() >= MAX_SCRIPTS) {
            throw new IllegalStateException("the sandbox holds " + MAX_SCRIPTS + " statement scripts: delete some");
        }
        Instant first = day.atStartOfDay(channel.zone()).toInstant();
        Instant last = day.plusDays(1).atStartOfDay(channel.zone()).toInstant().minusSeconds(1);
        Instant now = Instant.now();
        Instant at = now.isBefore(first) ? first : now.isAfter(last) ? last : now;
        StatementScript stored = given.minted(channel.numbers(), channel.defaultCurrency(), at);
        scripts.put(key, stored);
        return stored;
    }

    public Optional<StatementScript> of(String channel, LocalDate day) {
        return Optional.ofNullable(scripts.get(new Key(channel, day)));
    }

    /** Every day of the channel that has a script (for a statement that is a list over any time range: Stripe's). */
    public Map<LocalDate, StatementScript> of(String channel) {
        Map<LocalDate, StatementScript> days = new TreeMap<>();
        scripts.forEach((key, script) -> {
            if (key.channel().equals(channel)) {
                days.put(key.day(), script);
            }
        });
        return days;
    }

    public boolean remove(String channel, LocalDate day) {
        return scripts.remove(new Key(channel, day)) != null;
    }
}
