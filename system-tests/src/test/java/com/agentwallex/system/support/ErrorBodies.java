package com.agentwallex.system.support;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.nio.file.Path;

/** Keeps the body of every 4xx/5xx answer the tests receive, for the secret-hygiene scan. */
final class ErrorBodies implements Filter {

    static final Path FILE = Stack.WORK.resolve("error-bodies.log");

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        Response answer = context.next(request, response);
        keep(answer.statusCode(), request.getMethod(), request.getDerivedPath(), answer.asString());
        return answer;
    }

    /**
     * Whichever client received it (RestAssured here, the SDK through ValidatingHttpClient). The scan
     * is of what the services answered: a key a test sent in the path is masked in the label.
     */
    static void keep(int status, String method, String path, String body) {
        if (status >= 400) {
            Stack.append(FILE, status + " " + method + " " + ApiKeyFormat.maskedIn(path) + "\n" + body + "\n");
        }
    }
}
