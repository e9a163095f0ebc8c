package org.citygraph.feeds.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Guesses the encoding of a feed that does not declare one (no byte order mark, no encoding in the
 * XML declaration, no charset from HTTP). Korean sites still serve EUC-KR/CP949 without saying so;
 * read as UTF-8 they turn into replacement characters. The guess: valid UTF-8 is UTF-8; else text
 * that decodes strictly as CP949 (a superset of EUC-KR) into Hangul is CP949; else Windows-1252.
 */
public final class Charsets {

    public static final Charset CP949 = Charset.forName("x-windows-949");
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Charsets() {
    }

    public static Charset guess(byte[] bytes) {
        if (decodes(bytes, StandardCharsets.UTF_8) != null) {
            return StandardCharsets.UTF_8;
        }
        var korean = decodes(bytes, CP949);
        if (korean != null && hangulShare(korean) > 0.3) {
            return CP949;
        }
        return WINDOWS_1252;
    }

    private static String decodes(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Among characters outside ASCII, the share that are Hangul syllables. */
    private static double hangulShare(String text) {
        int nonAscii = 0;
        int hangul = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                nonAscii++;
                if (c >= '\uAC00' && c <= '\uD7A3') {
                    hangul++;
                }
            }
        }
        return nonAscii == 0 ? 0 : (double) hangul / nonAscii;
    }
}
