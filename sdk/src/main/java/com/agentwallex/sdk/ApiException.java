package com.agentwallex.sdk;

import java.time.Duration;
import java.util.Optional;

/**
 * The API said no: its RFC 9457 problem ({@code type}, {@code title}, {@code status},
 * {@code detail}, {@code request_id}). Catch a subclass for one kind of refusal, or this for all.
 * {@link #status()} is 0 when no answer came at all (the connection failed).
 */
public class ApiException extends AgentWallexException {

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String requestId;
    private final String parameter;

    ApiException(Problem problem, Throwable cause) {
        super(problem.message(), cause);
        this.type = problem.type();
        this.title = problem.title();
        this.status = problem.status();
        this.detail = problem.detail();
        this.requestId = problem.requestId();
        this.parameter = problem.parameter();
    }

    /** A URI naming the kind of problem, e.g. {@code https://docs.agentwallex.com/problems/invalid_grant}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /** The request's id, for a support ticket; null when no answer came. */
    public String requestId() {
        return requestId;
    }

    /** The parameter or body member at fault, when the API named one. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    /** The last segment of {@link #type()}, e.g. {@code invalid_grant}. */
    public String code() {
        return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }

    /** The problem as the API sent it; {@code retryAfter} from its Retry-After header, if any. */
    record Problem(String type, String title, int status, String detail, String requestId, String parameter,
                   Duration retryAfter) {

        String message() {
            return status == 0 ? detail
                    : status + " " + title + ": " + detail + (requestId == null ? "" : " (request_id " + requestId + ")");
        }
    }

    /** The one place a status becomes an exception class. */
    static ApiException of(Problem problem, Throwable cause) {
        return switch (problem.status()) {
            case 401 -> new AuthenticationException(problem);
            case 403 -> new PermissionException(problem);
            case 404 -> new NotFoundException(problem);
            case 429 -> new RateLimitedException(problem);
            case 0, 502, 503, 504 -> new UnavailableException(problem, cause);
            default -> problem.status() >= 400 && problem.status() < 500 ? new InvalidRequestException(problem)
                    : new ApiException(problem, cause);
        };
    }
}
