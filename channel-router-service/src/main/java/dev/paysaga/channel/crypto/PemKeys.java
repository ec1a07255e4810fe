package dev.paysaga.channel.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads PEM key and certificate files with BouncyCastle, and PKCS#12 files with the JDK's keystore. Error messages
 * name the file, never its content.
 */
public final class PemKeys {
    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private PemKeys() {
    }

    /** A PKCS#8 private key ({@code BEGIN PRIVATE KEY}); a PKCS#1 {@code BEGIN RSA PRIVATE KEY} is accepted too. */
    public static PrivateKey privateKey(Path file) {
        Object pem = read(file);
        try {
            if (pem instanceof PrivateKeyInfo info) {
                return CONVERTER.getPrivateKey(info);
            }
            if (pem instanceof PEMKeyPair pair) {
                return CONVERTER.getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable private key in " + file);
        }
        throw new IllegalStateException("no unencrypted private key in " + file);
    }

    /** An X.509 SubjectPublicKeyInfo public key ({@code BEGIN PUBLIC KEY}). */
    public static PublicKey publicKey(Path file) {
        Object pem = read(file);
        try {
            if (pem instanceof SubjectPublicKeyInfo info) {
                return CONVERTER.getPublicKey(info);
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable public key in " + file);
        }
        throw new IllegalStateException("no public key in " + file);
    }

    /** An X.509 certificate ({@code BEGIN CERTIFICATE}), e.g. a channel's CA or our signing certificate. */
    public static X509Certificate certificate(Path file) {
        X509Certificate cert = certificate(read(file));
        if (cert == null) {
            throw new IllegalStateException("no X.509 certificate in " + file);
        }
        return cert;
    }

    /** The certificate in PEM text that arrived from outside (UnionPay's signPubKeyCert), or null if it holds none. */
    public static X509Certificate certificate(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return certificate(parser.readObject());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static X509Certificate certificate(Object pem) {
        if (!(pem instanceof X509CertificateHolder holder)) {
            return null;
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            return null;
        }
    }

    /** A private key and its certificate, as a PKCS#12 file holds them. */
    public record KeyAndCertificate(PrivateKey key, X509Certificate certificate) {
        @Override
        public String toString() {
            return "KeyAndCertificate[" + certificate.getSubjectX500Principal() + ", key ****]";
        }
    }

    /**
     * The first private-key entry of a PKCS#12 file ({@code .pfx} / {@code .p12}, as UnionPay issues merchant signing
     * certificates) and its certificate, read with the JDK's PKCS12 keystore. The password is wiped after use.
     */
    public static KeyAndCertificate pkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                    return new KeyAndCertificate((PrivateKey) store.getKey(alias, password), cert);
                }
            }
            throw new IllegalStateException("no private key entry in " + file);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            // A wrong password surfaces as an IOException; its message carries nothing secret, but keep it out anyway.
            throw new IllegalStateException("unreadable PKCS#12 file " + file + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static Object read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object pem = parser.readObject();
            if (pem == null) {
                throw new IllegalStateException("no PEM object in " + file);
            }
            return pem;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read key file " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
