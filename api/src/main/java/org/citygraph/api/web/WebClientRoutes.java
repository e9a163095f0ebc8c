package org.citygraph.api.web;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The web client's screens are addressed by paths that only the browser's router knows
 * ({@code /issues/iss_ganggyeong-flood}); a reload or a shared link asks the hub for them, which
 * answers with the client's page. Only the client's own paths are listed, so that {@code /graphql},
 * {@code /api/**} and {@code /actuator/**} keep their meaning. GraphiQL is the client's second page.
 */
@Controller
class WebClientRoutes {

    @GetMapping(path = {"/districts", "/districts/{id}", "/issues", "/issues/{id}", "/news", "/datasets",
            "/datasets/{id}", "/search", "/complaints", "/login", "/admin", "/admin/{page}", "/briefings", "/briefings/{id}"}, produces = MediaType.TEXT_HTML_VALUE)
    String screen() {
        return "forward:/index.html";
    }

    @GetMapping(path = "/graphiql", produces = MediaType.TEXT_HTML_VALUE)
    String graphiql() {
        return "forward:/graphiql.html";
    }
}
