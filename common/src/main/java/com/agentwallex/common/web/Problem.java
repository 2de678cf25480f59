package com.agentwallex.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 9457 problem details, with the request id a support ticket needs. */
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
}
