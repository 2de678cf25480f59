package com.agentwallex.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class ProviderClaimsLogFilterTest {

    private static final String JOSE4J = "JWT (claims->{\"sub\":\"m@example.com\",\"name\":\"M (work)\",\"aud\":\"x\"})"
            + " rejected due to invalid claims or other invalid content. Additional details: [[8] Audience (aud) claim [x]]";

    @Test
    void theClaimsAreCutOutAndWhatFailedStays() {
        assertThat(ProviderClaimsLogFilter.redact("ID token verification has failed: " + JOSE4J))
                .isEqualTo("ID token verification has failed: JWT (claims->(redacted)) rejected due to invalid claims"
                        + " or other invalid content. Additional details: [[8] Audience (aud) claim [x]]");
    }

    @Test
    void everyQuotedClaimSetIsCutOut() {
        assertThat(ProviderClaimsLogFilter.redact(JOSE4J + "; " + JOSE4J)).doesNotContain("m@example.com")
                .contains("Audience (aud) claim [x]]; JWT (claims->(redacted)) rejected");
    }

    @Test
    void withoutJose4jsClosingWordsEverythingAfterTheMarkGoes() {
        assertThat(ProviderClaimsLogFilter.redact("failed: claims->{\"email\":\"m@example.com\"}"))
                .isEqualTo("failed: claims->(redacted)");
    }

    @Test
    void aRecordKeepsItsLevelAndTheRestOfItsMessageAndIsStillLogged() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "ID token verification has failed: " + JOSE4J,
                ExtLogRecord.FormatStyle.NO_FORMAT, ProviderClaimsLogFilterTest.class.getName());
        assertThat(new ProviderClaimsLogFilter().isLoggable(record)).isTrue();
        assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(record.getMessage()).startsWith("ID token verification has failed: JWT (claims->(redacted))")
                .doesNotContain("m@example.com");
    }

    @Test
    void anExceptionChainQuotingClaimsIsReplacedByOneThatDoesNotWithTheSameStacks() {
        IllegalStateException cause = new IllegalStateException(JOSE4J);
        RuntimeException top = new RuntimeException("io.quarkus.security.AuthenticationFailedException: " + JOSE4J, cause);
        LogRecord record = new LogRecord(Level.SEVERE, "Exception occurred during authorization");
        record.setThrown(top);

        new ProviderClaimsLogFilter().isLoggable(record);

        Throwable logged = record.getThrown();
        assertThat(logged.getMessage()).startsWith("java.lang.RuntimeException: ").doesNotContain("m@example.com");
        assertThat(logged.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(logged.getCause().getMessage()).startsWith("java.lang.IllegalStateException: JWT (claims->(redacted))");
        assertThat(logged.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
        assertThat(record.getMessage()).isEqualTo("Exception occurred during authorization");
    }

    @Test
    void otherRecordsPassUntouched() {
        IllegalStateException thrown = new IllegalStateException("database down");
        LogRecord record = new LogRecord(Level.WARNING, "retrying");
        record.setThrown(thrown);
        assertThat(new ProviderClaimsLogFilter().isLoggable(record)).isTrue();
        assertThat(record.getThrown()).isSameAs(thrown);
        assertThat(record.getMessage()).isEqualTo("retrying");
    }
}
