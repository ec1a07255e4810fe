package dev.paysaga.channel.alipay;

import dev.paysaga.channel.crypto.ChannelKeyFiles;
import dev.paysaga.channel.domain.Masked;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Our app's private key (we sign requests) and Alipay's public key (we verify its responses and
 * notifications): {@code alipay-app-private.pem} and {@code alipay-platform-public.pem} in the keys directory.
 */
@ApplicationScoped
public class AlipayKeys {
    static final String APP_PRIVATE = "alipay-app-private.pem";
    static final String PLATFORM_PUBLIC = "alipay-platform-public.pem";

    private final ChannelKeyFiles files;

    AlipayKeys(ChannelKeyFiles files) {
        this.files = files;
    }

    public Masked<PrivateKey> appPrivateKey() {
        return files.privateKey(APP_PRIVATE);
    }

    public PublicKey platformPublicKey() {
        return files.publicKey(PLATFORM_PUBLIC);
    }
}
