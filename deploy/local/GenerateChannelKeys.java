import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Creates the payment channels' local test keys where they are missing: RSA-2048 pairs as PEM files,
 * readable by their owner only. Uses the JDK alone; run as a single-file program:
 * {@code java deploy/local/GenerateChannelKeys.java .paysaga/channel-keys}
 *
 * <p>alipay-app-*: the merchant's (PaySaga's) pair; the router signs requests with the private key and the
 * sandbox verifies them with the public one. alipay-platform-*: Alipay's pair; the sandbox signs responses
 * and notifications with the private key and the router verifies them with the public one.
 *
 * <p>wechatpay-merchant-*: the merchant's API key pair (router signs, sandbox verifies); wechatpay-platform-*:
 * WeChat Pay's platform key pair (sandbox signs answers and notifications, router verifies);
 * wechatpay-apiv3.key: the merchant's 32-character APIv3 key, shared by both, which encrypts notification resources.
 *
 * <p>stripe-secret.key: a Stripe-style secret API key ({@code sk_test_paysaga_local_…}) the router sends as a
 * Bearer token and the sandbox compares; stripe-webhook.secret: the webhook endpoint's signing secret
 * ({@code whsec_paysaga_local_…}) the sandbox signs webhooks with (HMAC-SHA256) and the router verifies them with.
 * Both are random at generation time and named as local test values, so nobody mistakes them for real ones.
 *
 * <p>These keys are for local tests only and are never committed (.paysaga/ is ignored by git).
 */
public class GenerateChannelKeys {
    static final List<String> PAIRS = List.of("alipay-app", "alipay-platform", "wechatpay-merchant", "wechatpay-platform");
    static final String API_V3_KEY = "wechatpay-apiv3.key";
    static final String STRIPE_SECRET_KEY = "stripe-secret.key";
    static final String STRIPE_WEBHOOK_SECRET = "stripe-webhook.secret";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java GenerateChannelKeys.java <dir>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        for (String pair : PAIRS) {
            Path privatePem = dir.resolve(pair + "-private.pem");
            Path publicPem = dir.resolve(pair + "-public.pem");
            boolean hasPrivate = Files.exists(privatePem);
            boolean hasPublic = Files.exists(publicPem);
            if (hasPrivate && hasPublic) {
                System.out.printf("channel keys: %s present in %s%n", pair, dir);
                continue;
            }
            if (hasPrivate || hasPublic) {
                // Never replace half a pair: the other half may already be configured somewhere.
                System.err.printf("channel keys: %s is half a pair in %s (%s missing); delete the other file to regenerate%n",
                        pair, dir, hasPrivate ? publicPem.getFileName() : privatePem.getFileName());
                System.exit(1);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            // getEncoded(): PKCS#8 PrivateKeyInfo for the private key, X.509 SubjectPublicKeyInfo for the public one.
            write(privatePem, "PRIVATE KEY", keys.getPrivate().getEncoded());
            write(publicPem, "PUBLIC KEY", keys.getPublic().getEncoded());
            System.out.printf("channel keys: created %s and %s (RSA-2048)%n", privatePem, publicPem);
        }
        secret(dir, API_V3_KEY, "", 32);
        secret(dir, STRIPE_SECRET_KEY, "sk_test_paysaga_local_", 32);
        secret(dir, STRIPE_WEBHOOK_SECRET, "whsec_paysaga_local_", 32);
    }

    /** A text secret: the prefix, then random letters and digits; left alone when the file exists. */
    static void secret(Path dir, String name, String prefix, int randomChars) throws IOException {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            System.out.printf("channel keys: %s present in %s%n", name, dir);
            return;
        }
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(prefix);
        for (int i = 0; i < randomChars; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        System.out.printf("channel keys: created %s (%s + %d random characters)%n", file, prefix.isEmpty() ? "no prefix" : prefix,
                randomChars);
    }

    static void write(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
