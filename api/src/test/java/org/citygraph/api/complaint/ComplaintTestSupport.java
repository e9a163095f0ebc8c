package org.citygraph.api.complaint;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.user.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.security.crypto.password.PasswordEncoder;

/** What the complaint tests share: submitting, Open311 forms, and staff accounts of one agency. */
abstract class ComplaintTestSupport extends ApiTest {

    static final String SUBMIT = """
            mutation($input: SubmitComplaintInput!) {
              submitComplaint(input: $input) {
                complaint { id serviceCode category status district { id } agency { id } mentions { text subject { __typename ... on Agency { id } ... on District { id } } }
                            suggestedDuplicates { meters complaint { id } } }
                errors { field code message }
              }
            }""";

    private static final Map<String, String> AGENCY_TOKENS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Users users;

    @Autowired
    PasswordEncoder encoder;

    /** A staff member who works for one agency. */
    HttpGraphQlTester staffOf(String agencyId) {
        return anonymous().mutate().header("Authorization", "Bearer " + staffTokenOf(agencyId)).build();
    }

    String staffTokenOf(String agencyId) {
        return AGENCY_TOKENS.computeIfAbsent(agencyId, a -> {
            var username = "staff-" + a.substring(4);
            if (users.credentials(username).isEmpty()) {
                users.create(username, "직원 " + a, Viewer.Role.STAFF, a, encoder.encode(PASSWORD));
            }
            return login(username, PASSWORD).path("token").asText();
        });
    }

    /** POSTs an Open311 form (application/x-www-form-urlencoded), as Open311 clients do. */
    HttpResponse<String> postForm(String path, Map<String, String> form) {
        var body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }
}
