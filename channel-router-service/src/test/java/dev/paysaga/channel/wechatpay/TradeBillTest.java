package dev.paysaga.channel.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.domain.ChannelStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TradeBillTest {
    static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
            + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    static final String PAID = "`2026-12-01 10:15:30,`wxd678efh567hg6787,`1900000109,`0,`,`4200000001202612010001,"
            + "`pay_1,`oUser,`NATIVE,`SUCCESS,`OTHERS,`CNY,`30.00,`0.00,`0,`0,`0.00,`0.00,`,`,`Latte, large,`,`0.18000,"
            + "`0.60%,`30.00,`0.00,`";
    static final String REFUNDED = "`2026-12-01 11:00:00,`wxd678efh567hg6787,`1900000109,`0,`,`4200000001202612010001,"
            + "`pay_1,`oUser,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000001,`re_1,`10.05,`0.00,`ORIGINAL,"
            + "`SUCCESS,`Latte, large,`,`0.00000,`0.60%,`30.00,`10.05,`";
    static final String SUMMARY = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n"
            + "`2,`30.00,`10.05,`0.00,`0.18000,`30.00,`10.05";
    static final LocalDate DAY = LocalDate.parse("2026-12-01");

    @Test
    void paymentsAndRefundsAreReadByColumnNameInMinorUnits() {
        ChannelStatement statement = TradeBill.parse(String.join("\n", HEADER, PAID, REFUNDED, SUMMARY), DAY, "1900000109");
        assertEquals(List.of(
                new ChannelStatement.Line(ChannelStatement.Kind.PAYMENT, "pay_1", "4200000001202612010001", null, 3000,
                        "CNY", Instant.parse("2026-12-01T02:15:30Z")),
                new ChannelStatement.Line(ChannelStatement.Kind.REFUND, "pay_1", "4200000001202612010001", "re_1", 1005,
                        "CNY", Instant.parse("2026-12-01T03:00:00Z"))), statement.lines());
        assertEquals("wechatpay", statement.channel());
    }

    @Test
    void theColumnOrderIsTheHeadersNotAPositionTheParserAssumes() {
        String header = HEADER.replace("商户订单号,用户标识", "用户标识,商户订单号");
        String row = PAID.replace("`pay_1,`oUser,", "`oUser,`pay_1,");
        assertEquals("pay_1", TradeBill.parse(header + "\n" + row, DAY, "1900000109").lines().get(0).paymentId());
    }

    @Test
    void aDayWithOnlyAHeaderAndASummaryHasNoLines() {
        assertTrue(TradeBill.parse(HEADER + "\n" + SUMMARY, DAY, "1900000109").lines().isEmpty());
    }

    /** Each row: what is wrong with the file; the whole file is refused, never read in part. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another merchant      | 1900000109 | 1900000999
            a fractional cent     | ,`0.60%,`30.00, | ,`0.60%,`30.001,
            an unknown state      | `SUCCESS | `REVOKED
            a missing value       | ,`0.60%,`30.00,`0.00,` | ,`0.60%,`30.00,`0.00
            an unreadable time    | 2026-12-01 10:15:30 | 2026-12-01T10:15:30
            """)
    void aBadRowRefusesTheFile(String what, String genuine, String bad) {
        String row = PAID.replace(genuine, bad);
        String file = what.equals("another merchant") ? HEADER + "\n" + row : HEADER + "\n" + row + "\n" + SUMMARY;
        assertThrows(IllegalArgumentException.class, () -> TradeBill.parse(file, DAY, "1900000109"), what);
    }

    @Test
    void aHeaderWithoutTheColumnsWeReadIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TradeBill.parse(HEADER.replace("商户订单号", "订单号") + "\n" + PAID, DAY, "1900000109"));
    }
}
