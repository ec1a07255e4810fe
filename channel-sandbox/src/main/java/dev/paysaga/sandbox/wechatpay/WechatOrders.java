package dev.paysaga.sandbox.wechatpay;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sandbox's in-memory WeChat Pay orders by out_trade_no, bounded by max-orders. */
@ApplicationScoped
public class WechatOrders {
    private static final String CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, WechatOrder> byOutTradeNo = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);
    private final SecureRandom random = new SecureRandom();
    private final int maxOrders;

    public WechatOrders(@ConfigProperty(name = "paysaga.sandbox.wechatpay.max-orders", defaultValue = "100000") int maxOrders) {
        this.maxOrders = maxOrders;
    }

    record Created(WechatOrder order, boolean isNew) {
    }

    /** The order of this out_trade_no, created if new; empty when the store is full. */
    Optional<Created> createIfAbsent(String outTradeNo, long totalFen, String description, String notifyUrl) {
        WechatOrder existing = byOutTradeNo.get(outTradeNo);
        if (existing != null) {
            return Optional.of(new Created(existing, false));
        }
        if (byOutTradeNo.size() >= maxOrders) {
            return Optional.empty();
        }
        boolean[] created = {false};
        WechatOrder order = byOutTradeNo.computeIfAbsent(outTradeNo, no -> {
            created[0] = true;
            return new WechatOrder(no, nextTransactionId(), totalFen, description, notifyUrl, nextCodeUrl());
        });
        return Optional.of(new Created(order, created[0]));
    }

    /** Every order, for the bills. */
    java.util.Collection<WechatOrder> all() {
        return java.util.List.copyOf(byOutTradeNo.values());
    }

    Optional<WechatOrder> find(String outTradeNo) {
        return Optional.ofNullable(outTradeNo == null ? null : byOutTradeNo.get(outTradeNo));
    }

    /** 28 digits like WeChat Pay's transaction_id: 4200, a sequence, then the day (GMT+8). */
    String nextTransactionId() {
        return "4200" + String.format("%016d", sequence.incrementAndGet())
                + LocalDate.now(ZoneOffset.ofHours(8)).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private String nextCodeUrl() {
        StringBuilder code = new StringBuilder("weixin://wxpay/bizpayurl?pr=");
        for (int i = 0; i < 7; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
