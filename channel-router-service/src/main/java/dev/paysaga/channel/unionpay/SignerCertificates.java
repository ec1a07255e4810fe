package dev.paysaga.channel.unionpay;

import dev.paysaga.channel.crypto.PemKeys;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.PKIXCertPathBuilderResult;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * Every answer and notification carries the same few certificates, so one that passed is remembered (at most
 * {@value #MAX_REMEMBERED}) with the span in which its whole path is valid; a remembered one is re-checked against
 * that span only. Thread-safe.
 */
public final class SignerCertificates {
    static final int MAX_REMEMBERED = 16;
    private final Map<String, Trusted> remembered = new ConcurrentHashMap<>();
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
        Trusted known = remembered.get(pem);
        if (known != null && !now.isBefore(known.validFrom()) && !now.isAfter(known.validUntil())) {
            return new Checked(known.key(), null);
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
        PKIXCertPathBuilderResult path = chainToRoot(cert, now);
        if (path == null) {
            return Checked.refused("untrusted_certificate");
        }
        if (!expectedOwner.equals(owner(cert))) {
            return Checked.refused("wrong_signer");
        }
        if (remembered.size() < MAX_REMEMBERED) {
            remembered.put(pem, trusted(cert, path));
        }
        return new Checked(cert.getPublicKey(), null);
    }

    /** A certificate that passed, and when every certificate of its path (anchor included) is valid. */
    private record Trusted(PublicKey key, Instant validFrom, Instant validUntil) {
    }

    private static Trusted trusted(X509Certificate cert, PKIXCertPathBuilderResult path) {
        List<X509Certificate> all = new ArrayList<>();
        path.getCertPath().getCertificates().forEach(c -> all.add((X509Certificate) c));
        if (path.getTrustAnchor().getTrustedCert() != null) {
            all.add(path.getTrustAnchor().getTrustedCert());
        }
        Instant from = all.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElseThrow();
        Instant until = all.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
        return new Trusted(cert.getPublicKey(), from, until);
    }

    private PKIXCertPathBuilderResult chainToRoot(X509Certificate cert, Instant now) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(roots, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            List<X509Certificate> known = new ArrayList<>(middles);
            known.add(cert);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
            return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return null;
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
