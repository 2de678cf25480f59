package com.agentwallex.audit.query;

import com.agentwallex.common.web.Parameters;
import com.agentwallex.contract.problem.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated page request: the filters, a page size, and where the previous page ended. */
record AuditLogQuery(AuditFilter filter, int limit, CursorCodec.Position after) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    static AuditLogQuery parse(String orgId, Map<String, List<String>> params, CursorCodec cursors) {
        AuditFilter filter = AuditFilter.parse(orgId, params, Set.of("limit", "cursor"));
        int limit = Parameters.limit(AuditFilter.one(params, "limit"), DEFAULT_LIMIT, MAX_LIMIT);
        String cursor = AuditFilter.one(params, "cursor");
        CursorCodec.Position after = cursor == null ? null : cursors.decode(orgId, cursor);
        if (filter.inStoredOrder() && after != null) {
            throw new InvalidParameterException("after_seq", "after_seq and cursor are two different orders; give one");
        }
        return new AuditLogQuery(filter, limit, after);
    }

    String orgId() {
        return filter.orgId();
    }

    boolean inStoredOrder() {
        return filter.inStoredOrder();
    }
}
