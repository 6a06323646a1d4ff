package io.lockopt.analyzer.engine.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes source bytes in the chosen encoding. A UTF-8 byte order mark is dropped; a UTF-16 one
 * ({@code FE FF}, {@code FF FE}: what Windows editors write as "Unicode") says the file's encoding
 * whatever was chosen, since no Java source in another encoding starts with those bytes. Bytes that
 * are not valid in the encoding do not stop the scan: the text is decoded with replacement
 * characters and the first bad byte is reported so the user can fix the encoding.
 */
public final class SourceDecoder {
    private final Charset charset;

    public SourceDecoder(Charset charset) {
        this.charset = charset;
    }

    /** The decoded text and, when the bytes were not valid, where the first bad byte sits. */
    public record Decoded(String text, Optional<Problem> problem) {
    }

    /** The first invalid byte: its 1-based line and a message. */
    public record Problem(int line, String message) {
    }

    public Decoded decode(byte[] bytes) {
        int offset = hasUtf8Bom(bytes) ? 3 : 0;
        int length = bytes.length - offset;
        Charset charset = utf16ByItsBom(bytes).orElse(this.charset);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (!result.isError()) {
            return new Decoded(stripBom(out.flip().toString()), Optional.empty());
        }
        int bad = in.position();
        int line = 1;
        for (int i = offset; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        String text = new String(bytes, offset, length, charset);
        return new Decoded(stripBom(text), Optional.of(new Problem(line, String.format(
                "not valid %s (byte 0x%02X at offset %d); analyzed with replacement characters, set --encoding to the file's encoding",
                charset.name(), bytes[bad] & 0xFF, bad))));
    }

    /** UTF-16 in the byte order its mark says; the mark itself is decoded as U+FEFF and dropped. */
    private static Optional<Charset> utf16ByItsBom(byte[] bytes) {
        if (bytes.length < 2) {
            return Optional.empty();
        }
        int first = bytes[0] & 0xFF;
        int second = bytes[1] & 0xFF;
        return first == 0xFE && second == 0xFF ? Optional.of(StandardCharsets.UTF_16BE)
                : first == 0xFF && second == 0xFE ? Optional.of(StandardCharsets.UTF_16LE)
                : Optional.empty();
    }

    private static boolean hasUtf8Bom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    /** A BOM decoded by a UTF-16 charset arrives as U+FEFF. */
    private static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }
}
