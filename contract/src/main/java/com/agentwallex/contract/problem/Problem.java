package com.agentwallex.contract.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * RFC 9457 problem details, with the request id a support ticket needs. common registers it for
 * reflection (ProblemReflection): it travels as a Response entity and from plain Vert.x routes,
 * where Quarkus cannot see its type, and a native image would otherwise have no accessors for
 * Jackson to call.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @JsonProperty("request_id") String requestId,
        String parameter) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://docs.agentwallex.com/problems/";

    /** A problem of one of our types (a short slug such as {@code invalid_parameter}). */
    public static Problem of(int status, String type, String title, String detail, String requestId, String parameter) {
        return new Problem(TYPE_BASE + type, title, status, detail, requestId, parameter);
    }
}
