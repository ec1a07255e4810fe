package dev.paysaga.channel.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.testing.TestKeys;
import dev.paysaga.channel.testing.TestPki;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates (PEM) and PKCS#12 key stores, as UnionPay's merchant signing certificates come. */
class PemKeysTest {
    static final TestPki PKI = new TestPki();

    @Test
    void aPemCertificateIsReadFromAFileAndFromText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cert.pem");
        Files.writeString(file, PKI.signer.pem());
        assertEquals(PKI.signer.cert(), PemKeys.certificate(file));
        assertEquals(PKI.signer.cert(), PemKeys.certificate(PKI.signer.pem()));
        assertNull(PemKeys.certificate("not pem"));
        TestKeys.writePem(PKI.signer.keys().getPublic(), file);
        assertThrows(IllegalStateException.class, () -> PemKeys.certificate(file), "a public key is no certificate");
    }

    @Test
    void aPkcs12FileGivesItsKeyAndCertificateAndAWrongPasswordNothing(@TempDir Path dir) throws Exception {
        Path pfx = dir.resolve("unionpay-merchant-sign.pfx");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("sign", PKI.merchant.keys().getPrivate(), "000000".toCharArray(),
                new Certificate[] {PKI.merchant.cert(), PKI.middle.cert()});
        try (OutputStream out = Files.newOutputStream(pfx)) {
            store.store(out, "000000".toCharArray());
        }
        char[] password = "000000".toCharArray();
        PemKeys.KeyAndCertificate read = PemKeys.pkcs12(pfx, password);
        assertEquals(PKI.merchant.keys().getPrivate(), read.key());
        assertEquals(PKI.merchant.cert(), read.certificate());
        assertEquals('\0', password[0], "the password is wiped after use");
        assertFalse(read.toString().contains(PKI.merchant.keys().getPrivate().toString()));

        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> PemKeys.pkcs12(pfx, "123456".toCharArray()));
        assertFalse(wrong.getMessage().contains("123456"));

        Files.writeString(dir.resolve("pfx.password"), "000000\n");
        ChannelKeyFiles files = new ChannelKeyFiles(dir);
        assertEquals(PKI.merchant.cert(), files.pkcs12("unionpay-merchant-sign.pfx", "pfx.password").reveal().certificate());
        assertTrue(files.pkcs12("unionpay-merchant-sign.pfx", "pfx.password").toString().equals("****"));
        assertThrows(ChannelUnavailableException.class, () -> files.pkcs12("missing.pfx", "pfx.password"));
    }
}
