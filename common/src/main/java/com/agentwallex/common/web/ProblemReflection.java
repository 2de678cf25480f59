package com.agentwallex.common.web;

import com.agentwallex.contract.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers the contract's {@link Problem} for reflection on the contract's behalf, which has no
 * Quarkus (ADR 25): it travels as a Response entity and from plain Vert.x routes, where Quarkus
 * cannot see its type, and a native image would otherwise have no accessors for Jackson to call.
 */
@RegisterForReflection(targets = Problem.class)
final class ProblemReflection {

    private ProblemReflection() {
    }
}
