package org.citygraph.api.websocket;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * A GraphQL result serialized to JSON once, for every subscriber that receives it. It is still the
 * result's map (for anything that reads it as one), but {@link WebSocketMessageConverter} writes
 * its bytes into each subscriber's {@code next} message as they are.
 */
public final class SerializedPayload extends AbstractMap<String, Object> {

    private final Map<String, Object> specification;
    private final byte[] json;

    public SerializedPayload(Map<String, Object> specification, JsonMapper mapper) {
        this.specification = Collections.unmodifiableMap(new LinkedHashMap<>(specification));
        this.json = mapper.writeValueAsBytes(specification);
    }

    byte[] json() {
        return json;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return specification.entrySet();
    }
}
