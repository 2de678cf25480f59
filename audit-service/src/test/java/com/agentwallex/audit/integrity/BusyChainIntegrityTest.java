package com.agentwallex.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.verifier.VerificationReport;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A busy organization has a checkpoint for nearly every minute: an answer holding all of a year's
 * would be hundreds of megabytes, built in the service's heap. At most 1,000 are answered, spread
 * over the range, and an export still verifies against them.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class BusyChainIntegrityTest {

    private final IntegrityRepository repository;
    private final CheckpointKeys keys;

    BusyChainIntegrityTest(IntegrityRepository repository, CheckpointKeys keys) {
        this.repository = repository;
        this.keys = keys;
    }

    @Test
    void aRangeWithMoreThan1000CheckpointsAnswersTheNewestOfEach1000thSliceAndStillVerifies() {
        String org = IntegrityFixture.orgWith(3_000);
        signEveryEvent(org);

        JsonNode all = integrity(org, Map.of("links", "false"));
        assertThat(seqs(all.get("checkpoints"))).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 1_000).map(i -> 3 * i).boxed().toList());
        assertThat(all.get("latest_checkpoint").get("seq").asLong()).isEqualTo(3_000);

        VerificationReport report = IntegrityFixture.verify(org, IntegrityFixture.export(org));
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.signedTo()).isEqualTo(3_000);

        // a range of 1,000 gets every checkpoint in it
        JsonNode narrow = integrity(org, Map.of("from_seq", "1001", "to_seq", "2000", "links", "false"));
        assertThat(seqs(narrow.get("checkpoints"))).containsExactlyElementsOf(
                LongStream.rangeClosed(1_001, 2_000).boxed().toList());
    }

    @Test
    void aWideRangeWithFewCheckpointsAnswersEveryOne() {
        String org = IntegrityFixture.orgWith(1_500);
        sign(org, List.of(1L, 2L, 1_500L)); // 1 and 2 would share a slice of a thinned answer

        assertThat(seqs(integrity(org, Map.of("links", "false")).get("checkpoints"))).containsExactly(1L, 2L, 1_500L);
    }

    /** As if the minute's job had found the head moved after every event: a checkpoint at each seq. */
    private void signEveryEvent(String org) {
        sign(org, null);
    }

    /** Checkpoints at {@code seqs} (null: every seq), signed with the service's key as its job signs them. */
    private void sign(String org, List<Long> seqs) {
        JsonNode links = integrity(org, Map.of()).get("links");
        for (JsonNode link : links) {
            long seq = link.get("seq").asLong();
            if (seqs != null && !seqs.contains(seq)) {
                continue;
            }
            byte[] hash = HexFormat.of().parseHex(link.get("hash").asText());
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            repository.insert(org, new IntegrityRepository.Checkpoint(seq, hash, at, keys.kid(),
                    keys.sign(Checkpoints.payload(org, seq, hash, at)))).await().atMost(Duration.ofSeconds(10));
        }
    }

    private static JsonNode integrity(String org, Map<String, String> params) {
        return ChainReader.read(AuditApi.as(Tokens.forOrg(org)).queryParams(params).get(IntegrityFixture.INTEGRITY)
                .then().statusCode(200).extract().asString());
    }

    private static List<Long> seqs(JsonNode checkpoints) {
        List<Long> seqs = new ArrayList<>();
        checkpoints.forEach(c -> seqs.add(c.get("seq").asLong()));
        return seqs;
    }
}
