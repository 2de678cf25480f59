package com.agentwallex.sdk;

/** 403: authenticated, but not allowed (a scope the key lacks, an IP not on its allowlist, a plan without the feature). */
public final class PermissionException extends ApiException {

    PermissionException(Problem problem) {
        super(problem, null);
    }
}
