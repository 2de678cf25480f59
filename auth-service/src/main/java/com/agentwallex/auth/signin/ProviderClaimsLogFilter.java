package com.agentwallex.auth.signin;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Keeps the claims of a refused ID token out of our logs. quarkus-oidc logs a refused token at ERROR
 * with jose4j's message, which quotes every claim ("JWT (claims->{...}) rejected ..."): the person's
 * e-mail address, name and subject would land in the log of every failed sign-in, and again in the
 * exception the security layer logs after it. The filter cuts the claims out of the message and out of
 * the exception chain, and keeps the rest (which check failed, where), so the failure stays diagnosable.
 * Named in application.properties for every handler we use.
 */
@LoggingFilter(name = "provider-claims")
public final class ProviderClaimsLogFilter implements Filter {

    static final String MARK = "claims->";
    static final String REDACTED = "claims->(redacted)";
    private static final String END = ") rejected";

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message != null && message.contains(MARK)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redact(message), ext.getFormatStyle());
            } else {
                record.setMessage(redact(message));
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && quotesClaims(thrown)) {
            record.setThrown(redact(thrown));
        }
        return true;
    }

    /** The text with each quoted claim set replaced; everything around it stays. */
    static String redact(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int at = text.indexOf(MARK); at >= 0; at = text.indexOf(MARK, from)) {
            int end = text.indexOf(END, at);
            out.append(text, from, at).append(REDACTED);
            // Without jose4j's closing words, nothing after the mark can be told apart from the claims.
            from = end < 0 ? text.length() : end;
        }
        return out.append(text, from, text.length()).toString();
    }

    private static boolean quotesClaims(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(MARK)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Exceptions cannot be given a new message: the chain is copied, each link as a stand-in named after
     * the original class, with the redacted message and the original stack.
     */
    private static Throwable redact(Throwable thrown) {
        Throwable cause = thrown.getCause() == null ? null : redact(thrown.getCause());
        String message = thrown.getMessage() == null ? null : redact(thrown.getMessage());
        Throwable copy = new RedactedException(thrown.getClass().getName() + ": " + message, cause);
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** The stand-in for an exception whose message quoted claims. */
    static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause, false, true);
        }
    }
}
