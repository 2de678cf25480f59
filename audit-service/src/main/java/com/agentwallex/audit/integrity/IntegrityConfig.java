package com.agentwallex.audit.integrity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "awx.audit.integrity")
interface IntegrityConfig {

    /**
     * The checkpoint signing key: a private EC P-256 JWK (JSON with kty, crv, x, y, d; kid optional,
     * else its RFC 7638 thumbprint). A secret: from the environment or a mounted file, never the repo.
     * Required: without it (and without {@link #generateDevKey()}) the service does not start.
     */
    Optional<String> signingKey();

    /**
     * Earlier public keys, a JWKS: after a rotation they stay published, so checkpoints signed
     * before it still verify.
     */
    Optional<String> previousPublicKeys();

    /** Dev and test only: a throw-away key when none is set (checkpoints die with the process). */
    @WithDefault("false")
    boolean generateDevKey();

    /** How often moved chain heads are signed (read by CheckpointJob's schedule). */
    @WithDefault("60s")
    Duration checkpointEvery();

    /** The most links one integrity answer holds; a wider range is a 400 asking for a narrower one. */
    @WithDefault("10000")
    int maxLinks();

    /**
     * The most checkpoints one integrity answer holds. A range that holds more (a busy organization
     * gets one a minute, 525,600 a year) is cut into this many equal slices of seq and answers the
     * newest checkpoint of each: the answer stays small whatever the range, and verifies as well (any
     * change before a checkpoint breaks a link or that checkpoint); a narrower range gets every one.
     */
    @WithDefault("1000")
    int maxCheckpoints();
}
