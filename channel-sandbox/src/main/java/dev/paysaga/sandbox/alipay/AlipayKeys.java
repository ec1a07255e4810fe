package dev.paysaga.sandbox.alipay;

import dev.paysaga.sandbox.keys.PemFiles;
import dev.paysaga.sandbox.keys.RsaSha256;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys the sandbox plays Alipay with, read once at startup from {@code paysaga.sandbox.keys-dir}
 * (made by {@code deploy/local/GenerateChannelKeys.java}): the merchant's public key (alipay-app-public.pem)
 * verifies requests; Alipay's private key (alipay-platform-private.pem) signs responses and notifications.
 *
 * <p>The private keys never leave this class: callers get signatures, and {@link #toString()} names files only.
 */
@Startup
@ApplicationScoped
public class AlipayKeys {
    static final String MERCHANT_PUBLIC = "alipay-app-public.pem";
    static final String PLATFORM_PRIVATE = "alipay-platform-private.pem";

    private final Path dir;
    private final PublicKey merchantPublic;
    private final PrivateKey platformPrivate;

    public AlipayKeys(@ConfigProperty(name = "paysaga.sandbox.keys-dir") Path dir) {
        this.dir = dir.toAbsolutePath();
        this.merchantPublic = PemFiles.publicKey(this.dir.resolve(MERCHANT_PUBLIC));
        this.platformPrivate = PemFiles.privateKey(this.dir.resolve(PLATFORM_PRIVATE));
    }

    /** Whether the merchant (PaySaga) signed this content. */
    public boolean signedByMerchant(String content, String sign) {
        return AlipaySignatures.verify(content, sign, merchantPublic);
    }

    /** Alipay's signature over content. */
    public String signAsPlatform(String content) {
        return AlipaySignatures.sign(content, platformPrivate);
    }

    /** A well-formed signature by a key nobody trusts, for forged notifications. */
    public String signAsForger(String content) {
        return RsaSha256.signAsForger(content);
    }

    @Override
    public String toString() {
        return "AlipayKeys[" + dir + ": " + MERCHANT_PUBLIC + ", " + PLATFORM_PRIVATE + "]";
    }
}
