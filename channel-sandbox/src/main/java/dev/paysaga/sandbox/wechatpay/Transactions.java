package dev.paysaga.sandbox.wechatpay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The transaction object WeChat Pay shows for an order: the query's answer and a notification's decrypted resource. */
@ApplicationScoped
public class Transactions {
    private static final String PAYER_OPENID = "oSandboxPayer0000000000000001";
    private final ObjectMapper json = new ObjectMapper();
    private final String mchid;
    private final String appid;

    public Transactions(@ConfigProperty(name = "paysaga.sandbox.wechatpay.mchid") String mchid,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.appid") String appid) {
        this.mchid = mchid;
        this.appid = appid;
    }

    ObjectNode of(WechatOrder.Snapshot order) {
        boolean paid = order.state() == OrderState.SUCCESS || order.state() == OrderState.REFUND;
        ObjectNode tx = json.createObjectNode()
                .put("appid", appid)
                .put("mchid", mchid)
                .put("out_trade_no", order.outTradeNo());
        if (paid) {
            tx.put("transaction_id", order.transactionId());
            tx.put("trade_type", "NATIVE");
            tx.put("bank_type", "OTHERS");
            tx.put("success_time", order.successTime());
            tx.putObject("payer").put("openid", PAYER_OPENID);
        }
        tx.put("trade_state", order.state().name());
        tx.put("trade_state_desc", switch (order.state()) {
            case NOTPAY -> "订单未支付";
            case SUCCESS -> "支付成功";
            case PAYERROR -> "支付失败";
            case CLOSED -> "订单已关闭";
            case REFUND -> "转入退款";
        });
        ObjectNode amount = tx.putObject("amount").put("total", order.totalFen()).put("currency", "CNY");
        if (paid) {
            amount.put("payer_total", order.totalFen()).put("payer_currency", "CNY");
        }
        return tx;
    }

    /** A refund notification's decrypted resource: the refund as WeChat Pay reports it to the merchant. */
    ObjectNode refundOf(WechatRefund refund) {
        ObjectNode view = json.createObjectNode()
                .put("mchid", mchid)
                .put("out_trade_no", refund.outTradeNo())
                .put("transaction_id", refund.transactionId())
                .put("out_refund_no", refund.outRefundNo())
                .put("refund_id", refund.refundId())
                .put("refund_status", "SUCCESS")
                .put("success_time", WechatRefund.time(refund.successAt()))
                .put("user_received_account", "支付用户零钱");
        view.putObject("amount").put("total", refund.totalFen()).put("refund", refund.refundFen())
                .put("payer_total", refund.totalFen()).put("payer_refund", refund.refundFen());
        return view;
    }
}
