package com.agentwallex.apikey.core;

import com.agentwallex.contract.problem.ApiException;

/** The management API's client errors beyond a bad parameter. */
public final class ApiKeyProblems {

    private ApiKeyProblems() {
    }

    /** Also the answer for another organization's key: its existence is not ours to reveal. */
    public static ApiException notFound() {
        return new ApiException(404, "not_found", "Not found", "No API key with this id.");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail);
    }

    public static ApiException planFeature(String detail) {
        return new ApiException(403, "plan_feature_unavailable", "Not available on this plan", detail);
    }
}
