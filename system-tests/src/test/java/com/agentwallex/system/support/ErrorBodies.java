package com.agentwallex.system.support;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps the body of every 4xx/5xx answer the tests receive, for the secret-hygiene scan. */
final class ErrorBodies implements Filter {

    static final Path FILE = Stack.WORK.resolve("error-bodies.log");

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        Response answer = context.next(request, response);
        if (answer.statusCode() >= 400) {
            record(answer.statusCode() + " " + request.getMethod() + " " + request.getDerivedPath() + "\n"
                    + answer.asString() + "\n");
        }
        return answer;
    }

    private static synchronized void record(String entry) {
        try {
            Files.writeString(FILE, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
