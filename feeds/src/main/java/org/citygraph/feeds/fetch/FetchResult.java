package org.citygraph.feeds.fetch;

/**
 * What a fetch brought back.
 *
 * @param finalUrl     the URL after redirects, against which relative links resolve
 * @param notModified  the server answered 304 to a conditional request: nothing changed, no body
 * @param contentType  the Content-Type header, which may name the charset
 * @param etag         the ETag to send next time
 * @param lastModified the Last-Modified value to send next time
 */
public record FetchResult(String finalUrl, boolean notModified, byte[] body, String contentType, String etag,
                          String lastModified) {
}
