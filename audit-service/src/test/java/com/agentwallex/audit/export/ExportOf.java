package com.agentwallex.audit.export;

import com.agentwallex.audit.query.AuditFilter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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
        StringBuilder out = new StringBuilder();
        while (true) {
            RowSet<Row> page = repository.page(next, PAGE).await().atMost(Duration.ofSeconds(60));
            if (page.size() == 0) {
                return out.toString();
            }
            long last = 0;
            for (Row row : page) {
                ExportWriter.ndjson(row, out);
                last = row.getLong("seq");
            }
            next = next.withAfterSeq(last);
        }
    }
}
