package dev.paysaga.sandbox.unionpay;

import dev.paysaga.sandbox.keys.PemFiles;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the sandbox plays UnionPay with, read once at startup from {@code paysaga.sandbox.keys-dir}: UnionPay's
 * signing key and certificate ({@code unionpay-sign-private.pem}, {@code unionpay-sign-cert.pem}; the PEM text
 * goes out as {@code signPubKeyCert}) and the merchant's signing certificate ({@code unionpay-merchant-cert.pem}),
 * which UnionPay knows by its serial: a request's {@code certId} must name it and its key must verify the request.
 */
@Startup
@ApplicationScoped
public class UnionPayKeys {
    static final String SIGN_PRIVATE = "unionpay-sign-private.pem";
    static final String SIGN_CERT = "unionpay-sign-cert.pem";
    static final String MERCHANT_CERT = "unionpay-merchant-cert.pem";

    private final Path dir;
    private final PrivateKey signKey;
    private final String signCertPem;
    private final X509Certificate merchantCert;

    public UnionPayKeys(@ConfigProperty(name = "paysaga.sandbox.keys-dir") Path dir) {
        this.dir = dir.toAbsolutePath();
        this.signKey = PemFiles.privateKey(this.dir.resolve(SIGN_PRIVATE));
        this.signCertPem = read(this.dir.resolve(SIGN_CERT));
        certificate(signCertPem, SIGN_CERT);
        this.merchantCert = certificate(read(this.dir.resolve(MERCHANT_CERT)), MERCHANT_CERT);
    }

    /** The merchant certificate's serial in decimal, as UnionPay's SDK sends it in {@code certId}. */
    String merchantCertId() {
        return merchantCert.getSerialNumber().toString(10);
    }

    /** True when the request names the merchant's certificate and its signature verifies with it. */
    boolean signedByMerchant(Map<String, String> fields) {
        return merchantCertId().equals(fields.get("certId")) && AcpSignatures.verify(fields, merchantCert.getPublicKey());
    }

    /** Adds {@code signPubKeyCert} and {@code signature}; a forgery is signed by a key nobody trusts. */
    Map<String, String> sign(Map<String, String> fields, boolean forge) {
        fields.put("signPubKeyCert", signCertPem);
        fields.remove(AcpSignatures.SIGNATURE);
        fields.put(AcpSignatures.SIGNATURE, forge ? AcpSignatures.signAsForger(fields) : AcpSignatures.sign(fields, signKey));
        return fields;
    }

    private static String read(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("channel key " + file + " is missing; create the local test keys with "
                    + "'java deploy/local/GenerateChannelKeys.java " + file.getParent() + "' (services.sh start does)");
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable certificate " + file);
        }
    }

    private static X509Certificate certificate(String pem, String name) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException(name + " holds no X.509 certificate");
        }
    }

    @Override
    public String toString() {
        return "UnionPayKeys[" + dir + ": " + SIGN_PRIVATE + ", " + SIGN_CERT + ", " + MERCHANT_CERT + "]";
    }
}
