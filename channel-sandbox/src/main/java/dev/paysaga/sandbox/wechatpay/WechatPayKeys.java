package dev.paysaga.sandbox.wechatpay;

import dev.paysaga.sandbox.keys.PemFiles;
import dev.paysaga.sandbox.keys.RsaSha256;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys the sandbox plays WeChat Pay with, read once at startup from {@code paysaga.sandbox.keys-dir}:
 * the merchant's public key ({@code wechatpay-merchant-public.pem}) verifies requests; WeChat Pay's platform
 * private key ({@code wechatpay-platform-private.pem}) signs answers and notifications; the merchant's APIv3
 * key ({@code wechatpay-apiv3.key}, 32 characters) encrypts notification resources (AEAD_AES_256_GCM).
 *
 * <p>Secrets never leave this class: callers get signatures and ciphertexts; {@link #toString()} names files only.
 */
@Startup
@ApplicationScoped
public class WechatPayKeys {
    static final String MERCHANT_PUBLIC = "wechatpay-merchant-public.pem";
    static final String PLATFORM_PRIVATE = "wechatpay-platform-private.pem";
    static final String API_V3_KEY = "wechatpay-apiv3.key";

    private final Path dir;
    private final PublicKey merchantPublic;
    private final PrivateKey platformPrivate;
    private final SecretKeySpec apiV3Key;

    public WechatPayKeys(@ConfigProperty(name = "paysaga.sandbox.keys-dir") Path dir) {
        this.dir = dir.toAbsolutePath();
        this.merchantPublic = PemFiles.publicKey(this.dir.resolve(MERCHANT_PUBLIC));
        this.platformPrivate = PemFiles.privateKey(this.dir.resolve(PLATFORM_PRIVATE));
        byte[] key = PemFiles.secret(this.dir.resolve(API_V3_KEY)).getBytes(StandardCharsets.US_ASCII);
        if (key.length != 32) {
            throw new IllegalStateException(this.dir.resolve(API_V3_KEY) + " must hold a 32-character APIv3 key");
        }
        this.apiV3Key = new SecretKeySpec(key, "AES");
    }

    public boolean signedByMerchant(String message, String signature) {
        return RsaSha256.verify(message, signature, merchantPublic);
    }

    public String signAsPlatform(String message) {
        return RsaSha256.sign(message, platformPrivate);
    }

    public String signAsForger(String message) {
        return RsaSha256.signAsForger(message);
    }

    /** AEAD_AES_256_GCM with the APIv3 key: Base64 of the ciphertext followed by its 16-byte tag. */
    public String encrypt(String associatedData, String nonce, String plaintext) {
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, apiV3Key, new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            aes.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(aes.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt with AES-256-GCM", e);
        }
    }

    @Override
    public String toString() {
        return "WechatPayKeys[" + dir + ": " + MERCHANT_PUBLIC + ", " + PLATFORM_PRIVATE + ", " + API_V3_KEY + "]";
    }
}
