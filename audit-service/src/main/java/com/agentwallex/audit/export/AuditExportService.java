package com.agentwallex.audit.export;

import com.agentwallex.audit.query.AuditFilter;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.web.ClientContext;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An export: counted against the organization's limit and recorded ({@code audit.exported}) before
 * anything is read, then written a page at a time. The body is written on the resource's worker
 * thread, which waits here for each page (ADR 24: the service waits, AuditExportRepository answers
 * Uni), so nothing runs on the event loop meanwhile. The next page is asked for before the current
 * one is written, so PostgreSQL reads it while this thread writes: at most two pages are ever held.
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
        ExportWriter writer = new ExportWriter(format, out);
        writer.start();
        int size = config.pageSize();
        CompletableFuture<RowSet<Row>> next = fetch(filter, size);
        while (true) {
            RowSet<Row> page = await(next);
            Row last = null;
            for (Row row : page) {
                last = row;
            }
            // A short page is the last; a full one may have more, read while this one is written.
            next = last == null || page.size() < size ? null
                    : fetch(filter.withAfterSeq(last.getLong(AuditExportRepository.SEQ)), size);
            for (Row row : page) {
                writer.write(row);
            }
            writer.flush();
            if (next == null) {
                return;
            }
        }
    }

    private CompletableFuture<RowSet<Row>> fetch(AuditFilter filter, int size) {
        return repository.page(filter, size).subscribeAsCompletionStage();
    }

    private static RowSet<Row> await(CompletableFuture<RowSet<Row>> page) throws IOException {
        try {
            return page.get(PAGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("export interrupted while reading a page");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            page.cancel(true);
            throw new IllegalStateException("an export page took longer than " + PAGE_TIMEOUT, e);
        }
    }
}
