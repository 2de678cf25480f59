package com.agentwallex.common.web;

import java.security.Principal;

/** A 403 was answered: fired for whoever audits it (common's request authentication does). */
public record AccessDenied(Principal principal, String method, String path, String clientIp, String requestId) {
}
