package com.agentwallex.audit.export;

import com.agentwallex.audit.query.AuditFilter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * An organization's unfiltered NDJSON export as the service writes it (its repository's pages,
 * ExportWriter's lines), read from any copy of the audit database, such as a restored one.
 */
public final class ExportOf {

    private static final int PAGE = 1000;

    private ExportOf() {
    }

    public static String ndjson(Pool database, String orgId) {
        AuditExportRepository repository = new AuditExportRepository(database);
        AuditFilter next = AuditFilter.parse(orgId, Map.of(), Set.of()).withAfterSeq(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter writer = new ExportWriter(ExportFormat.NDJSON, out);
        try {
            while (true) {
                RowSet<Row> page = repository.page(next, PAGE).await().atMost(Duration.ofSeconds(60));
                if (page.size() == 0) {
                    writer.flush();
                    return out.toString(StandardCharsets.UTF_8);
                }
                long last = 0;
                for (Row row : page) {
                    writer.write(row);
                    last = row.getLong("seq");
                }
                next = next.withAfterSeq(last);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
