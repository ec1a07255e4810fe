package dev.paysaga.channel.unionpay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The {@code fileContent} of an ACP file transfer answer, as UnionPay's SDK reads it
 * ({@code AcpService.deCodeFileContent}: Base64-decode, then {@code SecureUtil.inflater}, a zlib
 * {@link Inflater}), which yields a zip archive (the answer's {@code fileName}, {@code <merId>_<yyyyMMdd>.zip});
 * its entries are the day's files. Both steps are bounded: what is inflated, and what the zip's entries hold
 * together, never exceed {@link #MAX_BYTES}, and the zip holds at most {@link #MAX_ENTRIES} entries, so a
 * small answer cannot make us hold gigabytes (a zip bomb).
 */
public final class AcpFileContent {
    /** 64 MiB: a little over 100,000 records of a ZM file (607 bytes each). */
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    public static final int MAX_ENTRIES = 16;

    private AcpFileContent() {
    }

    /** The zip's entries by name; IllegalArgumentException when it is not Base64, zlib, a zip, or too big. */
    public static Map<String, byte[]> entries(String fileContent) {
        byte[] compressed;
        try {
            compressed = Base64.getMimeDecoder().decode(fileContent);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fileContent is not Base64");
        }
        return unzip(inflate(compressed, MAX_BYTES));
    }

    /** The zlib stream inflated, refused as soon as it would exceed {@code maxBytes}. */
    static byte[] inflate(byte[] compressed, int maxBytes) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("fileContent is a truncated zlib stream");
                }
                if (out.size() + n > maxBytes) {
                    throw new IllegalArgumentException("fileContent inflates beyond " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("fileContent is not a zlib stream");
        } finally {
            inflater.end();
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            byte[] buffer = new byte[64 * 1024];
            while ((entry = in.getNextEntry()) != null) {
                if (entries.size() >= MAX_ENTRIES) {
                    throw new IllegalArgumentException("the zip holds more than " + MAX_ENTRIES + " entries");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new IllegalArgumentException("the zip's entries hold more than " + MAX_BYTES + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
                if (!entry.isDirectory() && entries.put(entry.getName(), out.toByteArray()) != null) {
                    throw new IllegalArgumentException("the zip names an entry twice");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("fileContent is not a readable zip");
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("fileContent is not a zip with files");
        }
        return entries;
    }
}
