package org.citygraph.graph;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A keyset position: the sort value of the last row seen and its id (the tie-breaker). Encoded as
 * base64url text so that clients treat it as opaque.
 */
public record Cursor(Object sortValue, String id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String encode() {
        String value;
        if (sortValue instanceof OffsetDateTime time) {
            value = "t" + time;
        } else if (sortValue instanceof Number number) {
            value = "n" + number.longValue();
        } else {
            value = "s" + sortValue;
        }
        return ENCODER.encodeToString((value + "\u0000" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text, String field) {
        try {
            var raw = new String(DECODER.decode(text), StandardCharsets.UTF_8);
            int split = raw.indexOf('\u0000');
            if (split < 1) {
                throw new IllegalArgumentException("no separator");
            }
            var value = raw.substring(1, split);
            var id = raw.substring(split + 1);
            Object sortValue = switch (raw.charAt(0)) {
                case 't' -> OffsetDateTime.parse(value);
                case 'n' -> Long.parseLong(value);
                case 's' -> value;
                default -> throw new IllegalArgumentException("unknown kind");
            };
            return new Cursor(sortValue, id);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidInputException(field, "INVALID_CURSOR", "The cursor '" + text + "' is not one this API returned.");
        }
    }
}
