package dev.paysaga.sandbox.alipay;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
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
    private volatile PrivateKey forgery;

    public AlipayKeys(@ConfigProperty(name = "paysaga.sandbox.keys-dir") Path dir) {
        this.dir = dir.toAbsolutePath();
        this.merchantPublic = publicKey(this.dir.resolve(MERCHANT_PUBLIC));
        this.platformPrivate = privateKey(this.dir.resolve(PLATFORM_PRIVATE));
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
        PrivateKey key = forgery;
        if (key == null) {
            synchronized (this) {
                if (forgery == null) {
                    forgery = freshKey();
                }
                key = forgery;
            }
        }
        return AlipaySignatures.sign(content, key);
    }

    @Override
    public String toString() {
        return "AlipayKeys[" + dir + ": " + MERCHANT_PUBLIC + ", " + PLATFORM_PRIVATE + "]";
    }

    static PublicKey publicKey(Path file) {
        Object pem = readPem(file);
        try {
            if (pem instanceof SubjectPublicKeyInfo info) {
                return new JcaPEMKeyConverter().getPublicKey(info);
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable public key " + file, e);
        }
        throw new IllegalStateException(file + " holds no PUBLIC KEY (X.509 SubjectPublicKeyInfo)");
    }

    static PrivateKey privateKey(Path file) {
        Object pem = readPem(file);
        try {
            if (pem instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            if (pem instanceof PEMKeyPair pair) { // "RSA PRIVATE KEY" (PKCS#1), as older Alipay tools write
                return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            // The message of a key parsing failure never carries key material, but keep it out anyway.
            throw new IllegalStateException("unreadable private key " + file);
        }
        throw new IllegalStateException(file + " holds no PRIVATE KEY (PKCS#8)");
    }

    private static Object readPem(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("channel key " + file + " is missing; create the local test keys with "
                    + "'java deploy/local/GenerateChannelKeys.java " + file.getParent() + "' (services.sh start does)");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable PEM file " + file);
        }
    }

    private static PrivateKey freshKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
