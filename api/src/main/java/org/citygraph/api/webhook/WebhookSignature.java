package org.citygraph.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver knows a delivery came from the hub and is fresh: the header
 * {@code X-CityGraph-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} computed with
 * the webhook's secret. A receiver recomputes it over the raw body, compares in constant time, and
 * refuses timestamps more than a few minutes old (replays).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-CityGraph-Signature";

    private WebhookSignature() {
    }

    /** A new secret: 32 random bytes, base64url, with a prefix that makes it recognizable in a config file. */
    public static String newSecret() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String header(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp, body);
    }

    /** Checks a header as a receiver would (used by the tests, and a reference for partners). */
    public static boolean verify(String secret, String header, byte[] body) {
        long timestamp = -1;
        String signature = null;
        for (var part : header.split(",")) {
            if (part.startsWith("t=")) {
                timestamp = Long.parseLong(part.substring(2));
            } else if (part.startsWith("v1=")) {
                signature = part.substring(3);
            }
        }
        return signature != null && timestamp >= 0 && MessageDigest.isEqual(
                signature.getBytes(StandardCharsets.US_ASCII), hmac(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(String secret, long timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
