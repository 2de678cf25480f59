package com.agentwallex.apikey.management;

import java.util.List;

/** Bodies of the management API; unknown members are refused (see application.properties). */
final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    record Create(String name, String environment, List<String> scopes, String expiresAt, List<String> ipAllowlist) {
    }

    /** Only the members present change. */
    record Update(String name, List<String> scopes, List<String> ipAllowlist) {
    }

    record Policy(Boolean rotationHardExpiry) {
    }
}
