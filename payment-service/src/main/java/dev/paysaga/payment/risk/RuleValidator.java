package dev.paysaga.payment.risk;

import static dev.paysaga.payment.risk.RiskRule.AMOUNT_ABOVE;
import static dev.paysaga.payment.risk.RiskRule.BLOCK_LIST;
import static dev.paysaga.payment.risk.RiskRule.FREQUENCY;

import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.money.Currencies;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole rule set before it becomes a version: the first fault is {@code invalid_request} naming
 * its field ({@code rules[2].window}), so a set is stored whole or not at all.
 */
public final class RuleValidator {
    static final int MAX_RULES = 200;
    static final int MAX_VALUES = 10_000;
    static final Duration MAX_WINDOW = Duration.ofDays(1);
    private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Set<String> ACTIONS = Set.of(RiskRule.ALERT, RiskRule.BLOCK);
    private static final Set<String> MODES = Set.of(RiskRule.ACTIVE, RiskRule.SHADOW);
    /** The parameters each kind takes; any other one present is a mistake worth refusing. */
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            AMOUNT_ABOVE, Set.of("currency", "amount", "merchant_id"),
            FREQUENCY, Set.of("scope", "window", "max_count", "max_amount", "currency"),
            BLOCK_LIST, Set.of("field", "values"));

    private RuleValidator() {
    }

    /** The rules as they will be stored ({@code mode} defaults to active), or the first fault. */
    public static List<RiskRule> validate(List<RiskRule> rules) {
        if (rules == null) {
            throw ApiException.invalidRequest("rules", "rules is required (an empty list clears the rule set)");
        }
        if (rules.size() > MAX_RULES) {
            throw ApiException.invalidRequest("rules", "at most " + MAX_RULES + " rules");
        }
        Set<String> ids = new HashSet<>();
        List<RiskRule> checked = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String at = "rules[" + i + "].";
            RiskRule rule = rules.get(i);
            if (rule == null) {
                throw ApiException.invalidRequest("rules[" + i + "]", "a rule is an object");
            }
            require(rule.id() != null && ID.matcher(rule.id()).matches(), at + "id", "id must match " + ID.pattern());
            require(ids.add(rule.id()), at + "id", "rule id " + rule.id() + " appears twice");
            require(rule.kind() != null && PARAMETERS.containsKey(rule.kind()), at + "kind", "kind must be one of " + PARAMETERS.keySet());
            require(rule.action() != null && ACTIONS.contains(rule.action()), at + "action", "action must be alert or block");
            require(rule.mode() == null || MODES.contains(rule.mode()), at + "mode", "mode must be active or shadow");
            present(rule).keySet().stream().filter(p -> !PARAMETERS.get(rule.kind()).contains(p)).findFirst()
                    .ifPresent(p -> {
                        throw ApiException.invalidRequest(at + p, p + " is not a parameter of " + rule.kind());
                    });
            switch (rule.kind()) {
                case AMOUNT_ABOVE -> amountAbove(rule, at);
                case FREQUENCY -> frequency(rule, at);
                default -> blockList(rule, at);
            }
            checked.add(rule.mode() == null ? rule.withMode(RiskRule.ACTIVE) : rule);
        }
        return checked;
    }

    private static void amountAbove(RiskRule rule, String at) {
        currency(rule.currency(), at);
        requireAmount(rule.amount() != null && rule.amount() >= 0, at + "amount",
                "amount is required: a non-negative integer in minor units");
        require(rule.merchantId() == null || !rule.merchantId().isBlank(), at + "merchant_id",
                "merchant_id, when given, is a merchant id");
    }

    private static void frequency(RiskRule rule, String at) {
        require(RiskRule.CUSTOMER.equals(rule.scope()) || RiskRule.MERCHANT.equals(rule.scope()), at + "scope",
                "scope must be customer or merchant");
        Duration window = window(rule.window(), at);
        require(!window.isNegative() && !window.isZero() && window.compareTo(MAX_WINDOW) <= 0, at + "window",
                "window must be longer than zero and at most P1D");
        require(rule.maxCount() != null || rule.maxAmount() != null, at + "max_count",
                "max_count, max_amount or both are required");
        require(rule.maxCount() == null || rule.maxCount() >= 1, at + "max_count", "max_count must be at least 1");
        requireAmount(rule.maxAmount() == null || rule.maxAmount() >= 1, at + "max_amount",
                "max_amount must be a positive integer in minor units");
        if (rule.maxAmount() != null || rule.currency() != null) {
            currency(rule.currency(), at);
        }
    }

    private static void blockList(RiskRule rule, String at) {
        require(RiskRule.CUSTOMER_ID.equals(rule.field()) || RiskRule.MERCHANT_ID.equals(rule.field()), at + "field",
                "field must be customer_id or merchant_id");
        require(rule.values() != null && !rule.values().isEmpty() && rule.values().size() <= MAX_VALUES,
                at + "values", "values must list 1 to " + MAX_VALUES + " ids");
        require(rule.values().stream().allMatch(v -> v != null && !v.isBlank()), at + "values",
                "values must be ids, not blank");
    }

    private static void currency(String currency, String at) {
        require(Currencies.isSupported(currency), at + "currency", "currency must be a supported ISO 4217 code");
    }

    private static Duration window(String window, String at) {
        try {
            return Duration.parse(String.valueOf(window));
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest(at + "window", "window must be an ISO-8601 duration such as PT1M");
        }
    }

    private static Map<String, Object> present(RiskRule rule) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("currency", rule.currency());
        all.put("amount", rule.amount());
        all.put("merchant_id", rule.merchantId());
        all.put("scope", rule.scope());
        all.put("window", rule.window());
        all.put("max_count", rule.maxCount());
        all.put("max_amount", rule.maxAmount());
        all.put("field", rule.field());
        all.put("values", rule.values());
        all.values().removeIf(v -> v == null);
        return all;
    }

    private static void require(boolean ok, String param, String detail) {
        if (!ok) {
            throw ApiException.invalidRequest(param, detail);
        }
    }

    /** An amount out of range is amount_invalid, as one of the wrong type is (docs/api.md, Errors). */
    private static void requireAmount(boolean ok, String param, String detail) {
        if (!ok) {
            throw new ApiException(400, "amount_invalid", detail, param);
        }
    }
}
