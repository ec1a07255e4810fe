import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * <p>unionpay-*: a test PKI standing in for UnionPay's (CFCA's) certificates, written as PEM: a root CA
 * (unionpay-root-ca.pem) and a middle CA (unionpay-middle-ca.pem), which the router trusts; UnionPay's signing
 * certificate and key (unionpay-sign-cert.pem, unionpay-sign-private.pem: the sandbox signs answers and back
 * notifications and sends the certificate along as signPubKeyCert); and the merchant's signing certificate and key
 * (unionpay-merchant-cert.pem, unionpay-merchant-private.pem: the router signs requests and sends the certificate's
 * serial as certId; the sandbox finds the certificate by that serial). Both leaves are issued by the middle CA, as
 * UnionPay's issuer signs merchants' certificates too; the CA keys are thrown away once the leaves are signed.
 * X.509 needs DER, which the JDK can parse but not write through a public API, so {@link Der} writes the little
 * needed here (this program must run with the JDK alone, e.g. in the compose file's plain JDK image).
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
        UnionPayPki.createIfMissing(dir);
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

    /** The UnionPay sandbox's certificates: all six files, or none (then all are made). */
    static final class UnionPayPki {
        static final String ROOT = "unionpay-root-ca.pem";
        static final String MIDDLE = "unionpay-middle-ca.pem";
        static final String SIGN_CERT = "unionpay-sign-cert.pem";
        static final String SIGN_KEY = "unionpay-sign-private.pem";
        static final String MERCHANT_CERT = "unionpay-merchant-cert.pem";
        static final String MERCHANT_KEY = "unionpay-merchant-private.pem";
        static final List<String> FILES = List.of(ROOT, MIDDLE, SIGN_CERT, SIGN_KEY, MERCHANT_CERT, MERCHANT_KEY);
        /** UnionPay's SDK takes the third '@'-separated part of the signing certificate's CN as its owner. */
        static final String SIGNER_CN = "PaySaga sandbox@UnionPay signing@\u4e2d\u56fd\u94f6\u8054\u80a1\u4efd\u6709\u9650\u516c\u53f8@00000001";
        static final String MERCHANT_CN = "PaySaga sandbox@merchant@777290058110048@00000001";

        static void createIfMissing(Path dir) throws Exception {
            long present = FILES.stream().filter(f -> Files.exists(dir.resolve(f))).count();
            if (present == FILES.size()) {
                System.out.printf("channel keys: unionpay certificates present in %s%n", dir);
                return;
            }
            if (present > 0) {
                System.err.printf("channel keys: only %d of the %d unionpay files are in %s; delete them to regenerate%n",
                        present, FILES.size(), dir);
                System.exit(1);
            }
            Instant now = Instant.now();
            KeyPair root = rsa();
            KeyPair middle = rsa();
            KeyPair sign = rsa();
            KeyPair merchant = rsa();
            String rootName = "PaySaga UnionPay sandbox root CA (test only)";
            String middleName = "PaySaga UnionPay sandbox middle CA (test only)";
            byte[] rootCert = Der.certificate(rootName, rootName, root.getPublic(), root.getPrivate(), now, Duration.ofDays(3650), true);
            byte[] middleCert = Der.certificate(middleName, rootName, middle.getPublic(), root.getPrivate(), now, Duration.ofDays(1825), true);
            byte[] signCert = Der.certificate(SIGNER_CN, middleName, sign.getPublic(), middle.getPrivate(), now, Duration.ofDays(730), false);
            byte[] merchantCert = Der.certificate(MERCHANT_CN, middleName, merchant.getPublic(), middle.getPrivate(), now, Duration.ofDays(730), false);
            // Parse back and check each signature with the JDK: a malformed certificate fails here, not in a service.
            X509Certificate rootX509 = parse(rootCert);
            rootX509.verify(root.getPublic());
            parse(middleCert).verify(root.getPublic());
            parse(signCert).verify(middle.getPublic());
            parse(merchantCert).verify(middle.getPublic());
            write(dir.resolve(ROOT), "CERTIFICATE", rootCert);
            write(dir.resolve(MIDDLE), "CERTIFICATE", middleCert);
            write(dir.resolve(SIGN_CERT), "CERTIFICATE", signCert);
            write(dir.resolve(SIGN_KEY), "PRIVATE KEY", sign.getPrivate().getEncoded());
            write(dir.resolve(MERCHANT_CERT), "CERTIFICATE", merchantCert);
            write(dir.resolve(MERCHANT_KEY), "PRIVATE KEY", merchant.getPrivate().getEncoded());
            System.out.printf("channel keys: created the unionpay test PKI in %s (root, middle, signing and merchant certificates)%n", dir);
        }

        private static KeyPair rsa() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        private static X509Certificate parse(byte[] der) throws Exception {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        }
    }

    /** Just enough DER for X.509 v3 certificates signed SHA256withRSA; names are a single CN (UTF8String). */
    static final class Der {
        private static final SecureRandom RANDOM = new SecureRandom();
        private static final byte[] SHA256_WITH_RSA = seq(oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00});

        static byte[] certificate(String subject, String issuer, PublicKey key, PrivateKey issuerKey, Instant now,
                Duration validity, boolean ca) throws Exception {
            byte[] basicConstraints = ca ? seq(new byte[] {0x01, 0x01, (byte) 0xFF}) : seq();
            // keyUsage: CAs keyCertSign + cRLSign; leaves digitalSignature + nonRepudiation (as signing certificates).
            byte[] keyUsage = ca ? tlv(0x03, new byte[] {0x01, 0x06}) : tlv(0x03, new byte[] {0x06, (byte) 0xC0});
            byte[] extensions = seq(
                    seq(oid("2.5.29.19"), new byte[] {0x01, 0x01, (byte) 0xFF}, tlv(0x04, basicConstraints)),
                    seq(oid("2.5.29.15"), new byte[] {0x01, 0x01, (byte) 0xFF}, tlv(0x04, keyUsage)));
            byte[] tbs = seq(
                    tlv(0xA0, integer(BigInteger.TWO)),
                    integer(new BigInteger(63, RANDOM).setBit(62)), // positive, 19 decimal digits: the certId
                    SHA256_WITH_RSA,
                    name(issuer),
                    seq(time(now.minus(Duration.ofDays(1))), time(now.plus(validity))),
                    name(subject),
                    key.getEncoded(),
                    tlv(0xA3, extensions));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(issuerKey);
            rsa.update(tbs);
            byte[] signature = rsa.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            return seq(tbs, SHA256_WITH_RSA, tlv(0x03, bits));
        }

        static byte[] name(String commonName) {
            return seq(tlv(0x31, seq(oid("2.5.4.3"), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
        }

        /** UTCTime, as RFC 5280 requires for dates before 2050. */
        static byte[] time(Instant at) {
            if (at.atZone(ZoneOffset.UTC).getYear() >= 2050) {
                throw new IllegalArgumentException("validity past 2049 needs GeneralizedTime");
            }
            String text = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(at);
            return tlv(0x17, text.getBytes(StandardCharsets.US_ASCII));
        }

        static byte[] integer(BigInteger value) {
            return tlv(0x02, value.toByteArray());
        }

        static byte[] oid(String dotted) {
            String[] arcs = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
            for (int i = 2; i < arcs.length; i++) {
                long arc = Long.parseLong(arcs[i]);
                int groups = 1;
                while ((arc >> (7 * groups)) != 0) {
                    groups++;
                }
                for (int g = groups - 1; g >= 0; g--) {
                    out.write((int) ((arc >> (7 * g)) & 0x7F) | (g == 0 ? 0 : 0x80));
                }
            }
            return tlv(0x06, out.toByteArray());
        }

        static byte[] seq(byte[]... parts) {
            return tlv(0x30, parts);
        }

        static byte[] tlv(int tag, byte[]... parts) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                content.writeBytes(part);
            }
            int length = content.size();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            if (length < 0x80) {
                out.write(length);
            } else {
                int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
                out.write(0x80 | bytes);
                for (int i = bytes - 1; i >= 0; i--) {
                    out.write((length >> (8 * i)) & 0xFF);
                }
            }
            out.writeBytes(content.toByteArray());
            return out.toByteArray();
        }
    }

    static void write(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
