import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Local-only helpers: the development signing key that auth-service uses under `awx up` (PEM,
 * plus its JWKS), access tokens signed by it for any organization, and sample auth events. Run by
 * `deploy/local/awx token|event` with Kafka's jars on the class path; never used in production.
 *
 *   DevTools keys  DIR                       create DIR/dev-es256.{pk8,pem} and DIR/jwks.json once, and
 *                                            DIR/audit-checkpoint.jwk (audit-service's checkpoint key, a private JWK)
 *   DevTools token DIR ORG [SUBJECT]         print an ES256 access token for ORG
 *   DevTools event BOOTSTRAP ORG [TYPE]      publish one sample event for ORG
 */
public class DevTools {

    static final String ISSUER = System.getenv().getOrDefault("AWX_JWT_ISSUER", "http://127.0.0.1:8081");
    static final String AUDIENCE = System.getenv().getOrDefault("AWX_JWT_AUDIENCE", "agentwallex-api");
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "token" -> System.out.println(token(Path.of(args[1]), args[2], args.length > 3 ? args[3] : "usr_dev"));
            case "event" -> event(args[1], args[2], args.length > 3 ? args[3] : "auth.login.succeeded");
            default -> {
                System.err.println("usage: DevTools keys DIR | token DIR ORG [SUBJECT] | event BOOTSTRAP ORG [TYPE]");
                System.exit(2);
            }
        }
    }

    static void keys(Path dir) throws Exception {
        Path checkpointKey = dir.resolve("audit-checkpoint.jwk");
        if (!Files.exists(checkpointKey)) {
            // A key of its own: audit-service signs checkpoints, never tokens (ADR 17).
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair checkpoint = ec.generateKeyPair();
            ECPublicKey w = (ECPublicKey) checkpoint.getPublic();
            Files.createDirectories(dir);
            Files.writeString(checkpointKey, "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"dev-checkpoint-1\",\"x\":\""
                    + B64.encodeToString(unsigned(w.getW().getAffineX().toByteArray())) + "\",\"y\":\""
                    + B64.encodeToString(unsigned(w.getW().getAffineY().toByteArray())) + "\",\"d\":\""
                    + B64.encodeToString(unsigned(((java.security.interfaces.ECPrivateKey) checkpoint.getPrivate()).getS().toByteArray()))
                    + "\"}");
        }
        if (Files.exists(dir.resolve("jwks.json"))) {
            return;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        Files.createDirectories(dir);
        Files.write(dir.resolve("dev-es256.pk8"), pair.getPrivate().getEncoded());
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("dev-es256.pem"),
                "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n"
                + mime.encodeToString(pub.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\","
                + "\"alg\":\"ES256\",\"kid\":\"dev-1\",\"x\":\"" + B64.encodeToString(unsigned(pub.getW().getAffineX().toByteArray()))
                + "\",\"y\":\"" + B64.encodeToString(unsigned(pub.getW().getAffineY().toByteArray())) + "\"}]}");
    }

    static String token(Path dir, String org, String subject) throws Exception {
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("dev-es256.pk8"))));
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"dev-1\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject
                + "\",\"org_id\":\"" + org + "\",\"sid\":\"ses_dev\",\"plan\":\"free\",\"scope\":\"audit:read\",\"iat\":"
                + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        // JWS wants r||s, which is exactly the JDK's P1363 format.
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key);
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(signer.sign());
    }

    static void event(String clientProperties, String org, String type) throws Exception {
        String id = UUID.randomUUID().toString();
        // audit-service keeps auth.* only from auth-service and api_key.* only from apikey-service
        String source = type.startsWith("auth.") ? "auth-service" : type.startsWith("api_key.") ? "apikey-service" : "awx-dev";
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"type\":\"" + type
                + "\",\"time\":\"" + Instant.now() + "\",\"subject\":\"usr_dev\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"org_id\":\"" + org + "\",\"actor\":{\"type\":\"user\",\"id\":\"usr_dev\"},"
                + "\"outcome\":\"success\",\"client_ip\":\"127.0.0.1\",\"user_agent\":\"awx-dev\",\"details\":{}}}";
        Properties config = new Properties();
        try (var in = Files.newBufferedReader(Path.of(clientProperties))) {
            config.load(in);
        }
        config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        config.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            // a structured CloudEvent, as the services' outbox relays send one (Kafka binding, CloudEvents 1.0);
            // the topic is AuthTopics.AUTH_EVENTS (this program runs without the contract module: TopicNamesTest checks the name)
            ProducerRecord<String, String> record = new ProducerRecord<>("agentwallex.auth-events.v1", org, json);
            record.headers().add("content-type",
                    "application/cloudevents+json; charset=UTF-8".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        System.out.println(id);
    }

    static byte[] unsigned(byte[] twosComplement) {
        byte[] fixed = new byte[32];
        int from = Math.max(0, twosComplement.length - 32);
        System.arraycopy(twosComplement, from, fixed, 32 - (twosComplement.length - from), twosComplement.length - from);
        return fixed;
    }
}
