package dev.paysaga.channel.crypto;

import dev.paysaga.channel.domain.ChannelUnreachableException;
import dev.paysaga.channel.domain.Masked;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every channel's key material, read from files in {@code paysaga.channels.keys-dir} on first use and
 * kept. A missing or unreadable file makes that channel unavailable (503) instead of stopping the
 * service, so keys may appear after start-up (the sandbox's keys are made when it first runs).
 * Secrets come back {@link Masked}; messages name files, never their content.
 */
@ApplicationScoped
public class ChannelKeyFiles {
    private static final Logger LOG = Logger.getLogger(ChannelKeyFiles.class);

    private final Path dir;
    private final Map<String, Object> loaded = new ConcurrentHashMap<>();

    ChannelKeyFiles(@ConfigProperty(name = "paysaga.channels.keys-dir") Path dir) {
        this.dir = dir;
    }

    @SuppressWarnings("unchecked")
    public Masked<PrivateKey> privateKey(String file) {
        return (Masked<PrivateKey>) load(file, () -> Masked.of(PemKeys.privateKey(dir.resolve(file))));
    }

    public PublicKey publicKey(String file) {
        return (PublicKey) load(file, () -> PemKeys.publicKey(dir.resolve(file)));
    }

    /** An X.509 certificate in PEM (a channel's trusted CA, or our own signing certificate). */
    public X509Certificate certificate(String file) {
        return (X509Certificate) load(file, () -> PemKeys.certificate(dir.resolve(file)));
    }

    /**
     * A PKCS#12 file's key and certificate, unlocked with the password kept as text in {@code passwordFile}
     * (both in the keys directory); the key comes back {@link Masked}.
     */
    @SuppressWarnings("unchecked")
    public Masked<PemKeys.KeyAndCertificate> pkcs12(String file, String passwordFile) {
        return (Masked<PemKeys.KeyAndCertificate>) load(file, () -> Masked.of(
                PemKeys.pkcs12(dir.resolve(file), secret(passwordFile).reveal().toCharArray())));
    }

    /** A symmetric secret kept as text in its file (surrounding whitespace ignored), e.g. WeChat Pay's APIv3 key. */
    @SuppressWarnings("unchecked")
    public Masked<String> secret(String file) {
        return (Masked<String>) load(file, () -> {
            try {
                return Masked.of(Files.readString(dir.resolve(file), StandardCharsets.US_ASCII).strip());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + dir.resolve(file) + ": " + e.getClass().getSimpleName());
            }
        });
    }

    private Object load(String file, Supplier<Object> loader) {
        Object value = loaded.get(file);
        if (value != null) {
            return value;
        }
        try {
            value = loader.get();
        } catch (IllegalStateException e) {
            LOG.errorf("channel key not usable: %s", e.getMessage());
            // Nothing can be signed, so nothing is sent: the router may try another channel.
            throw new ChannelUnreachableException("channel key " + file + " is not configured");
        }
        loaded.put(file, value);
        return value;
    }
}
