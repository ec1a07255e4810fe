package dev.paysaga.channel.unionpay;

import java.time.Instant;
import java.util.Map;

/**
 * Whether an ACP 5.1.0 answer or back notification is UnionPay's own: signMethod 01, a signature, a signPubKeyCert
 * that {@link SignerCertificates} accepts, and the signature verifying with that certificate's key over the other
 * fields ({@link AcpSignatures}). Nothing in a message is believed before this says yes.
 */
public final class AcpVerifier {
    private AcpVerifier() {
    }

    /**
     * Null when genuine, else why not: {@code unsigned}, {@code unsupported_sign_method}, the certificate's reasons
     * ({@code malformed_certificate}, {@code expired_certificate}, {@code untrusted_certificate}, {@code wrong_signer}),
     * {@code bad_signature}.
     */
    public static String refusal(Map<String, String> fields, SignerCertificates signers, Instant now) {
        String signature = fields.get(AcpSignatures.SIGNATURE);
        if (signature == null || signature.isEmpty()) {
            return "unsigned";
        }
        if (!UnionPayChannel.SIGN_METHOD_RSA.equals(fields.get("signMethod"))) {
            return "unsupported_sign_method";
        }
        SignerCertificates.Checked signer = signers.check(fields.get("signPubKeyCert"), now);
        if (signer.refusal() != null) {
            return signer.refusal();
        }
        return AcpSignatures.verify(fields, signer.key()) ? null : "bad_signature";
    }
}
