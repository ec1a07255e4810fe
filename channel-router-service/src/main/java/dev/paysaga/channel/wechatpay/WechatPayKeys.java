package dev.paysaga.channel.wechatpay;

import dev.paysaga.channel.crypto.ChannelKeyFiles;
import dev.paysaga.channel.domain.Masked;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The merchant's API private key (signs our requests), WeChat Pay's platform public key (verifies its
 * responses and notifications) and the APIv3 key (decrypts notification resources), as files in the
 * keys directory: {@code wechatpay-merchant-private.pem}, {@code wechatpay-platform-public.pem},
 * {@code wechatpay-apiv3.key}.
 */
@ApplicationScoped
public class WechatPayKeys {
    static final String MERCHANT_PRIVATE = "wechatpay-merchant-private.pem";
    static final String PLATFORM_PUBLIC = "wechatpay-platform-public.pem";
    static final String API_V3_KEY = "wechatpay-apiv3.key";

    private final ChannelKeyFiles files;

    WechatPayKeys(ChannelKeyFiles files) {
        this.files = files;
    }

    public Masked<PrivateKey> merchantPrivateKey() {
        return files.privateKey(MERCHANT_PRIVATE);
    }

    public PublicKey platformPublicKey() {
        return files.publicKey(PLATFORM_PUBLIC);
    }

    public Masked<String> apiV3Key() {
        return files.secret(API_V3_KEY);
    }
}
