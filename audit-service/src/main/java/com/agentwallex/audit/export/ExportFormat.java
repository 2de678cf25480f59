package com.agentwallex.audit.export;

import com.agentwallex.contract.problem.InvalidParameterException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** NDJSON (one event a line, as the API shows it; what the verifier reads) or CSV (for spreadsheets). */
enum ExportFormat {
    NDJSON("ndjson", "application/x-ndjson"),
    CSV("csv", "text/csv");

    private final String name;
    private final String mediaType;

    ExportFormat(String name, String mediaType) {
        this.name = name;
        this.mediaType = mediaType;
    }

    String wireName() {
        return name;
    }

    String mediaType() {
        return mediaType;
    }

    /** {@code format} wins; else the first of the two that Accept names; else NDJSON. */
    static ExportFormat choose(String format, List<MediaType> accepted) {
        if (format != null) {
            for (ExportFormat f : values()) {
                if (f.name.equals(format)) {
                    return f;
                }
            }
            throw new InvalidParameterException("format", "format must be ndjson or csv");
        }
        for (MediaType type : accepted) {
            for (ExportFormat f : values()) {
                if (!type.isWildcardType() && !type.isWildcardSubtype() && type.isCompatible(MediaType.valueOf(f.mediaType))) {
                    return f;
                }
            }
        }
        return NDJSON;
    }
}
