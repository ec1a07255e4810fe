package dev.paysaga.channel.unionpay;

import dev.paysaga.channel.crypto.PemKeys;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Decides whether the certificate an ACP 5.1.0 answer or notification carries ({@code signPubKeyCert}) may
 * sign for UnionPay, as UnionPay's SDK does ({@code CertUtil.verifyAndGetVerifyPubKey}): it must parse, be within
 * its validity, chain to a configured root through the configured middle (intermediate) certificates (PKIX, no
 * revocation check, as the SDK), and name the expected owner — the third {@code @}-separated part of its CN,
 * {@code 中国银联股份有限公司} for UnionPay (a certificate the same CA issued to a merchant does not pass).
 * Immutable; safe to share.
 */
public final class SignerCertificates {
    private final Set<TrustAnchor> roots;
    private final List<X509Certificate> middles;
    private final String expectedOwner;

    public SignerCertificates(Collection<X509Certificate> roots, Collection<X509Certificate> middles, String expectedOwner) {
        this.roots = roots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toUnmodifiableSet());
        this.middles = List.copyOf(middles);
        this.expectedOwner = expectedOwner;
    }

    /** The outcome: the signer's key when trusted, else the refusal reason (a stable metric tag). */
    public record Checked(PublicKey key, String refusal) {
        static Checked refused(String reason) {
            return new Checked(null, reason);
        }
    }

    /**
     * Reasons: {@code unsigned} (no certificate), {@code malformed_certificate}, {@code expired_certificate} (not
     * yet or no longer valid), {@code untrusted_certificate} (no path to a configured root), {@code wrong_signer}.
     */
    public Checked check(String pem, Instant now) {
        if (pem == null || pem.isBlank()) {
            return Checked.refused("unsigned");
        }
        X509Certificate cert = PemKeys.certificate(pem);
        if (cert == null) {
            return Checked.refused("malformed_certificate");
        }
        try {
            cert.checkValidity(Date.from(now));
        } catch (GeneralSecurityException e) {
            return Checked.refused("expired_certificate");
        }
        if (!chainsToRoot(cert, now)) {
            return Checked.refused("untrusted_certificate");
        }
        if (!expectedOwner.equals(owner(cert))) {
            return Checked.refused("wrong_signer");
        }
        return new Checked(cert.getPublicKey(), null);
    }

    private boolean chainsToRoot(X509Certificate cert, Instant now) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(roots, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            List<X509Certificate> known = new ArrayList<>(middles);
            known.add(cert);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The third '@'-separated part of the subject's CN, as the SDK's getIdentitiesFromCertficate reads it; or null. */
    static String owner(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    String[] parts = String.valueOf(rdn.getValue()).split("@");
                    return parts.length > 2 ? parts[2] : null;
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
