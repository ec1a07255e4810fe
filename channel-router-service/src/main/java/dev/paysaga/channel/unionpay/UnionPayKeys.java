package dev.paysaga.channel.unionpay;

import dev.paysaga.channel.crypto.ChannelKeyFiles;
import dev.paysaga.channel.domain.Masked;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Our merchant signing key and certificate ({@code unionpay-merchant-private.pem}, PKCS#8; {@code
 * unionpay-merchant-cert.pem}, whose serial in decimal is the {@code certId} of every request — or, when
 * {@code paysaga.channels.unionpay.merchant-pfx} names one, the PKCS#12 file UnionPay issued, unlocked with the
 * password in {@code merchant-pfx-password-file}) and the trust we
 * put in UnionPay's signing certificates: the root ({@code unionpay-root-ca.pem}) and middle ({@code
 * unionpay-middle-ca.pem}) certificates and the owner UnionPay's certificate must name. Read on first use through
 * {@link ChannelKeyFiles}: a missing file makes the channel unavailable, never stops the service.
 */
@ApplicationScoped
public class UnionPayKeys {
    static final String MERCHANT_PRIVATE = "unionpay-merchant-private.pem";
    static final String MERCHANT_CERT = "unionpay-merchant-cert.pem";
    static final String ROOT_CERT = "unionpay-root-ca.pem";
    static final String MIDDLE_CERT = "unionpay-middle-ca.pem";

    private final ChannelKeyFiles files;
    private final String expectedSigner;
    private final Optional<String> pfx;
    private final String pfxPasswordFile;
    private final AtomicReference<SignerCertificates> signers = new AtomicReference<>();

    UnionPayKeys(ChannelKeyFiles files,
            @ConfigProperty(name = "paysaga.channels.unionpay.expected-signer") String expectedSigner,
            @ConfigProperty(name = "paysaga.channels.unionpay.merchant-pfx") Optional<String> pfx,
            @ConfigProperty(name = "paysaga.channels.unionpay.merchant-pfx-password-file",
                    defaultValue = "unionpay-merchant-pfx.password") String pfxPasswordFile) {
        this.files = files;
        this.expectedSigner = expectedSigner;
        this.pfx = pfx.filter(name -> !name.isBlank());
        this.pfxPasswordFile = pfxPasswordFile;
    }

    public Masked<PrivateKey> merchantPrivateKey() {
        return pfx.map(file -> Masked.of(files.pkcs12(file, pfxPasswordFile).reveal().key()))
                .orElseGet(() -> files.privateKey(MERCHANT_PRIVATE));
    }

    /** The serial number of our signing certificate in decimal, as UnionPay's SDK sends it. */
    public String certId() {
        X509Certificate cert = pfx.map(file -> files.pkcs12(file, pfxPasswordFile).reveal().certificate())
                .orElseGet(() -> files.certificate(MERCHANT_CERT));
        return cert.getSerialNumber().toString(10);
    }

    public SignerCertificates signers() {
        SignerCertificates current = signers.get();
        if (current == null) {
            current = new SignerCertificates(List.of(files.certificate(ROOT_CERT)), List.of(files.certificate(MIDDLE_CERT)),
                    expectedSigner);
            signers.compareAndSet(null, current);
        }
        return current;
    }
}
