package com.agentwallex.common.startup;

import com.agentwallex.common.crypto.Es256;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Every service's entry point. Bouncy Castle's provider was the main thread's largest step before the
 * first request (0.15–0.25 s with the AOT cache, which cannot keep it: its EC class computes every named
 * curve's parameters in its static initialiser). Here it initialises on a thread of its own while
 * Quarkus starts; whoever signs or verifies first waits for what is left of it (ADR 18). Should it
 * fail, each signature and verification fails (NoClassDefFoundError), not the start. Native images
 * register the provider while the image is built instead (the parent pom's native profile).
 */
@QuarkusMain
public final class ServiceMain { // Quarkus makes the main class a bean: no private constructor

    public static void main(String... args) {
        Thread.ofPlatform().name("bouncy-castle-init").daemon().start(Es256::initialise);
        Quarkus.run(args);
    }
}
