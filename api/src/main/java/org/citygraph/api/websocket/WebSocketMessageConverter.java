package org.citygraph.api.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.support.GraphQlWebSocketMessageType;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes graphql-transport-ws messages as Jackson would, except a {@code next} message whose payload
 * is already serialized ({@link SerializedPayload}): its bytes are copied in, so one event sent to
 * ten thousand subscribers is serialized once, not ten thousand times.
 */
final class WebSocketMessageConverter extends JacksonJsonHttpMessageConverter {

    private static final byte[] ID = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEXT = "\",\"type\":\"next\",\"payload\":".getBytes(StandardCharsets.UTF_8);

    @Override
    protected void writeInternal(Object object, ResolvableType type, HttpOutputMessage output, Map<String, Object> hints)
            throws IOException {
        if (object instanceof GraphQlWebSocketMessage message && message.resolvedType() == GraphQlWebSocketMessageType.NEXT
                && message.getPayload() instanceof SerializedPayload payload) {
            var body = output.getBody();
            body.write(ID);
            body.write(JsonStringEncoder.getInstance().quoteAsUTF8(message.getId()));
            body.write(NEXT);
            body.write(payload.json());
            body.write('}');
            return;
        }
        super.writeInternal(object, type, output, hints);
    }
}
