package dev.paysaga.sandbox.keys;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The sandbox's key files (made by {@code deploy/local/GenerateChannelKeys.java}), read with BouncyCastle.
 * Messages name files, never their content.
 */
public final class PemFiles {
    private PemFiles() {
    }

    public static PublicKey publicKey(Path file) {
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

    public static PrivateKey privateKey(Path file) {
        Object pem = readPem(file);
        try {
            if (pem instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            if (pem instanceof PEMKeyPair pair) { // "RSA PRIVATE KEY" (PKCS#1), as older channel tools write
                return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            // The message of a key parsing failure never carries key material, but keep it out anyway.
            throw new IllegalStateException("unreadable private key " + file);
        }
        throw new IllegalStateException(file + " holds no PRIVATE KEY (PKCS#8)");
    }

    /** A secret kept as text (surrounding whitespace ignored), e.g. WeChat Pay's APIv3 key. */
    public static String secret(Path file) {
        requireReadable(file);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable secret file " + file);
        }
    }

    private static Object readPem(Path file) {
        requireReadable(file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable PEM file " + file);
        }
    }

    private static void requireReadable(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("channel key " + file + " is missing; create the local test keys with "
                    + "'java deploy/local/GenerateChannelKeys.java " + file.getParent() + "' (services.sh start does)");
        }
    }
}
