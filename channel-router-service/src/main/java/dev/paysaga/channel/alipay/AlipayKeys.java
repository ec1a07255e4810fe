package dev.paysaga.channel.alipay;

import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.domain.Masked;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Our app's private key (we sign requests) and Alipay's public key (we verify its responses and
 * notifications), PEM files in {@code paysaga.channels.keys-dir}. Loaded on first use and kept; a
 * missing key makes Alipay unavailable (503) rather than stopping the service, so the keys may
 * appear after start-up (the sandbox writes them when it first runs).
 */
@ApplicationScoped
public class AlipayKeys {
    static final String APP_PRIVATE = "alipay-app-private.pem";
    static final String PLATFORM_PUBLIC = "alipay-platform-public.pem";
    private static final Logger LOG = Logger.getLogger(AlipayKeys.class);

    private final Path dir;
    private volatile Masked<PrivateKey> appPrivate;
    private volatile PublicKey platformPublic;

    AlipayKeys(@ConfigProperty(name = "paysaga.channels.keys-dir") Path dir) {
        this.dir = dir;
    }

    public Masked<PrivateKey> appPrivateKey() {
        Masked<PrivateKey> key = appPrivate;
        if (key == null) {
            key = Masked.of(load(() -> PemKeys.privateKey(dir.resolve(APP_PRIVATE))));
            appPrivate = key;
        }
        return key;
    }

    public PublicKey platformPublicKey() {
        PublicKey key = platformPublic;
        if (key == null) {
            key = load(() -> PemKeys.publicKey(dir.resolve(PLATFORM_PUBLIC)));
            platformPublic = key;
        }
        return key;
    }

    private static <K> K load(java.util.function.Supplier<K> loader) {
        try {
            return loader.get();
        } catch (IllegalStateException e) {
            // The message names the file, never its content.
            LOG.errorf("Alipay key not usable: %s", e.getMessage());
            throw new ChannelUnavailableException("Alipay keys are not configured");
        }
    }
}
