package dev.paysaga.channel.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A UnionPay-like test PKI made at test time with BouncyCastle: root → middle → leaves. UnionPay's signing
 * certificate names {@link #UNIONPAY} as the third '@'-part of its CN, as UnionPay's SDK expects.
 */
public final class TestPki {
    public static final String UNIONPAY = "中国银联股份有限公司";
    public static final String SIGNER_CN = "test@UnionPay signing@" + UNIONPAY + "@00000001";
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xFFFFFFFFL);

    public record Issued(X509Certificate cert, KeyPair keys) {
        public String pem() {
            return TestPki.pem(cert);
        }
    }

    public final Issued root;
    public final Issued middle;
    public final Issued signer;
    public final Issued merchant;

    public TestPki() {
        Instant now = Instant.now();
        root = issue("test UnionPay root", null, true, now, Duration.ofDays(365));
        middle = issue("test UnionPay middle", root, true, now, Duration.ofDays(365));
        signer = issue(SIGNER_CN, middle, false, now, Duration.ofDays(365));
        merchant = issue("test@merchant@777290058110048@00000001", middle, false, now, Duration.ofDays(365));
    }

    /** A certificate for {@code cn} (a fresh key) issued by {@code issuer}, or self-signed when it is null. */
    public static Issued issue(String cn, Issued issuer, boolean ca, Instant notBefore, Duration validity) {
        KeyPair keys = TestKeys.rsa2048();
        X500Name subject = new X500Name("CN=" + cn);
        PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
        try {
            var builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(notBefore.minus(Duration.ofMinutes(1))), Date.from(notBefore.plus(validity)), subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            var holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey));
            return new Issued(new JcaX509CertificateConverter().getCertificate(holder), keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate cert) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(cert);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Writes what the router needs (merchant key and certificate, root and middle) into its keys directory. */
    public void writeRouterFiles(Path dir) throws IOException {
        TestKeys.writePem(merchant.keys().getPrivate(), dir.resolve("unionpay-merchant-private.pem"));
        Files.writeString(dir.resolve("unionpay-merchant-cert.pem"), merchant.pem());
        Files.writeString(dir.resolve("unionpay-root-ca.pem"), root.pem());
        Files.writeString(dir.resolve("unionpay-middle-ca.pem"), middle.pem());
    }
}
