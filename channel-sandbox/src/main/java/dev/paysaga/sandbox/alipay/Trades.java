package dev.paysaga.sandbox.alipay;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sandbox's in-memory trade store (it is not a PaySaga service: no database), bounded by max-trades. */
@ApplicationScoped
public class Trades {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String QR_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, Trade> byOutTradeNo = new ConcurrentHashMap<>();
    private final Map<String, Trade> byTradeNo = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);
    private final SecureRandom random = new SecureRandom();
    private final int maxTrades;

    public Trades(@ConfigProperty(name = "paysaga.sandbox.alipay.max-trades", defaultValue = "100000") int maxTrades) {
        this.maxTrades = maxTrades;
    }

    public record Created(Trade trade, boolean isNew) {
    }

    /** The trade of this out_trade_no, created if new; empty when the store is full. */
    public Optional<Created> createIfAbsent(String outTradeNo, long totalCents, String subject, String notifyUrl) {
        Trade existing = byOutTradeNo.get(outTradeNo);
        if (existing != null) {
            return Optional.of(new Created(existing, false));
        }
        if (byOutTradeNo.size() >= maxTrades) {
            return Optional.empty();
        }
        boolean[] created = {false};
        Trade trade = byOutTradeNo.computeIfAbsent(outTradeNo, no -> {
            created[0] = true;
            Trade fresh = new Trade(no, nextTradeNo(), totalCents, subject, notifyUrl, nextQrCode(), AlipayTime.now());
            byTradeNo.put(fresh.tradeNo(), fresh);
            return fresh;
        });
        return Optional.of(new Created(trade, created[0]));
    }

    /** By out_trade_no if given, else by trade_no, as Alipay's query / close / refund look trades up. */
    public Optional<Trade> find(String outTradeNo, String tradeNo) {
        if (outTradeNo != null && !outTradeNo.isEmpty()) {
            return Optional.ofNullable(byOutTradeNo.get(outTradeNo));
        }
        if (tradeNo != null && !tradeNo.isEmpty()) {
            return Optional.ofNullable(byTradeNo.get(tradeNo));
        }
        return Optional.empty();
    }

    /** Every trade the sandbox holds (for bills). */
    public java.util.Collection<Trade> all() {
        return java.util.List.copyOf(byOutTradeNo.values());
    }

    /** 28 digits like Alipay's: the day (GMT+8), 22001 for a QR-code trade, then a sequence. */
    String nextTradeNo() {
        return LocalDate.now(AlipayTime.ZONE).format(DAY) + "22001" + String.format("%015d", sequence.incrementAndGet());
    }

    private String nextQrCode() {
        StringBuilder code = new StringBuilder("https://qr.alipay.com/bax0");
        for (int i = 0; i < 20; i++) {
            code.append(QR_ALPHABET.charAt(random.nextInt(QR_ALPHABET.length())));
        }
        return code.toString();
    }
}
