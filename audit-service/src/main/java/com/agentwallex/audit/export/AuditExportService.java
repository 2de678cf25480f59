package com.agentwallex.audit.export;

import com.agentwallex.audit.query.AuditFilter;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.web.ClientContext;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An export: counted against the organization's limit and recorded ({@code audit.exported}) before
 * anything is read, then written a page at a time. The body is written on the resource's worker
 * thread, which waits here for each page (ADR 24: the service waits, AuditExportRepository answers
 * Uni), so no more than one page is ever held and nothing runs on the event loop meanwhile.
 */
@ApplicationScoped
class AuditExportService {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    private final AuditExportRepository repository;
    private final ExportAuditor auditor;
    private final ExportConfig config;
    private final ExportLimits limits;

    AuditExportService(AuditExportRepository repository, ExportAuditor auditor, ExportConfig config, ExportLimits limits) {
        this.repository = repository;
        this.auditor = auditor;
        this.config = config;
        this.limits = limits;
    }

    /** The export's body, once it is allowed (else a 429) and recorded (else a 503); reads nothing yet. */
    Body export(AwxPrincipal caller, ClientContext client, AuditFilter filter, ExportFormat format) {
        limits.take(caller.orgId());
        auditor.exported(caller, client, filter, format);
        return out -> write(filter, format, out);
    }

    /** Writes the export to a response as it is read. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private void write(AuditFilter filter, ExportFormat format, OutputStream out) throws IOException {
        if (format == ExportFormat.CSV) {
            write(out, ExportWriter.csvHeader());
        }
        AuditFilter next = filter;
        while (true) {
            RowSet<Row> page = repository.page(next, config.pageSize()).await().atMost(PAGE_TIMEOUT);
            if (page.size() == 0) {
                return;
            }
            StringBuilder chunk = new StringBuilder(page.size() * 600);
            long last = 0;
            for (Row row : page) {
                ExportWriter.write(format, row, chunk);
                last = row.getLong("seq");
            }
            write(out, chunk);
            if (page.size() < config.pageSize()) {
                return;
            }
            next = next.withAfterSeq(last);
        }
    }

    private static void write(OutputStream out, CharSequence text) throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
