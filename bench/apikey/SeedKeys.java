import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints sandbox API keys offline for bench/apikey-verify: creating tens of thousands through the
 * API would take longer than the benchmark. Writes DIR/keys.txt (one plaintext key a line, for wrk)
 * and DIR/rows.tsv (id, hex HMAC-SHA-256 under SECRET, masked key: what api_keys stores).
 *
 *   java bench/apikey/SeedKeys.java SECRET COUNT DIR
 *
 * The format is ApiKeyFormat's, restated so that this runs as one source file with no class path:
 * awx_sandbox_, 27 base62 random characters, then the CRC32 of all that in 6 base62 characters.
 */
public class SeedKeys {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SeedKeys SECRET COUNT DIR");
            System.exit(2);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(args[0].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        int count = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        // Uniqueness, not secrecy, is what matters here; a seeded generator from a strong seed is plenty.
        Random random = new Random(new SecureRandom().nextLong());
        HexFormat hex = HexFormat.of();
        try (BufferedWriter keys = Files.newBufferedWriter(dir.resolve("keys.txt"), StandardCharsets.US_ASCII);
             BufferedWriter rows = Files.newBufferedWriter(dir.resolve("rows.tsv"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                StringBuilder key = new StringBuilder("awx_sandbox_");
                for (int c = 0; c < 27; c++) {
                    key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                key.append(checksum(key.toString()));
                String plaintext = key.toString();
                String hash = hex.formatHex(mac.doFinal(plaintext.getBytes(StandardCharsets.US_ASCII)));
                String masked = plaintext.substring(0, 16) + "…" + plaintext.substring(plaintext.length() - 4);
                keys.write(plaintext);
                keys.write("\n");
                rows.write("key_" + hex.formatHex(randomBytes(random, 16)) + "\t" + hash + "\t" + masked + "\n");
            }
        }
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
