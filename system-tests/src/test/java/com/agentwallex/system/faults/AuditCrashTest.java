package com.agentwallex.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.EventStream;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Stack.Service;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * audit-service is killed (SIGKILL: no shutdown, no last commit) while events pour in, and
 * started again while they still do: every event ends up stored exactly once.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class AuditCrashTest {

    private static final int EVENTS = 10_000;

    @Test
    void auditServiceKilledMidStreamStoresEveryEventExactlyOnce() {
        Session user = Users.signIn();
        Set<String> sent;
        try (EventStream stream = new EventStream(user.orgId(), EVENTS, 10)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stream.acknowledgedCount() >= EVENTS / 4);
            Stack.kill(Service.AUDIT);
            Stack.start(Service.AUDIT);
            sent = stream.finish();
        }

        List<Entry> trail = AuditTrail.await(user.accessToken(), e -> true, EVENTS + 2, Duration.ofMinutes(2));
        assertThat(trail).hasSize(EVENTS + 2);
        assertThat(trail).extracting(Entry::id).doesNotHaveDuplicates();
        assertThat(trail.stream().filter(e -> e.type().equals("api_key.used")).map(Entry::id)).hasSameElementsAs(sent);
    }
}
