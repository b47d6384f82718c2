package com.therapyplatform.platform.kafka;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/deadletters}: the dead letters of the topics this service consumes, for ops only
 * (every non-health Actuator endpoint needs role OPS). See docs/operations.md, "Dead letters".
 *
 * <ul>
 *   <li>{@code GET /actuator/deadletters}: per dead-letter topic, count, replayed count, oldest, newest</li>
 *   <li>{@code GET /actuator/deadletters/{dltTopic}?limit=N}: the dead letters' metadata, never a payload</li>
 *   <li>{@code POST /actuator/deadletters/{dltTopic}/replay} with an optional JSON body
 *       {@code {"partition":0,"offset":12}}: republishes to the source topic, each dead letter once</li>
 * </ul>
 */
@WebEndpoint(id = "deadletters")
public class DeadLetterEndpoint {

    static final int DEFAULT_LIMIT = 200;

    private final DeadLetterDesk desk;

    public DeadLetterEndpoint(DeadLetterDesk desk) {
        this.desk = desk;
    }

    @ReadOperation
    public Map<String, DeadLetterDesk.Summary> deadLetterTopics() {
        return desk.overview();
    }

    @ReadOperation
    public WebEndpointResponse<Object> deadLetters(@Selector String dltTopic, @Nullable Integer limit) {
        if (!desk.knows(dltTopic)) {
            return problem(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown dead-letter topic",
                    "this service consumes for no dead-letter topic " + dltTopic);
        }
        return new WebEndpointResponse<>(desk.inspect(dltTopic, limit == null ? DEFAULT_LIMIT : limit));
    }

    /** {@code action} must be {@code replay}: the path reads {@code /actuator/deadletters/{dltTopic}/replay}. */
    @WriteOperation
    public WebEndpointResponse<Object> replay(@Selector String dltTopic, @Selector String action,
            @Nullable Integer partition, @Nullable Long offset, SecurityContext security) {
        if (!"replay".equals(action)) {
            return problem(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown action", "the only action is replay");
        }
        if (!desk.knows(dltTopic)) {
            return problem(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown dead-letter topic",
                    "this service consumes for no dead-letter topic " + dltTopic);
        }
        Principal principal = security == null ? null : security.getPrincipal();
        String who = principal == null || principal.getName() == null ? "anonymous" : principal.getName();
        try {
            return new WebEndpointResponse<>(desk.replay(dltTopic, partition, offset, who));
        } catch (IllegalArgumentException e) {
            return problem(WebEndpointResponse.STATUS_BAD_REQUEST, "Invalid replay request", e.getMessage());
        } catch (DeadLetterDesk.UnknownDeadLetterException e) {
            return problem(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown dead letter", e.getMessage());
        } catch (DeadLetterDesk.ConcurrentReplayException e) {
            return problem(409, "Replay in progress", e.getMessage());
        }
    }

    private static WebEndpointResponse<Object> problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return new WebEndpointResponse<>(body, status);
    }
}
