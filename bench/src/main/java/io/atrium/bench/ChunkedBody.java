package io.atrium.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** An HTTP/1.1 body in chunked transfer coding (RFC 9112, 7.1), decoded; it ends after the last chunk's trailers. */
final class ChunkedBody extends InputStream {

    private final InputStream in;
    private long remainingInChunk;
    private boolean ended;

    ChunkedBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (!ensureChunk()) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside a chunk");
        }
        afterRead(1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!ensureChunk()) {
            return -1;
        }
        int read = in.read(buffer, offset, (int) Math.min(length, remainingInChunk));
        if (read < 0) {
            throw new EOFException("the connection ended inside a chunk");
        }
        afterRead(read);
        return read;
    }

    private void afterRead(int read) throws IOException {
        remainingInChunk -= read;
        if (remainingInChunk == 0) {
            requireLine("", "after a chunk");
        }
    }

    /** @return false once the last chunk and its trailers have been read */
    private boolean ensureChunk() throws IOException {
        if (ended) {
            return false;
        }
        if (remainingInChunk > 0) {
            return true;
        }
        String sizeLine = HttpLines.read(in);
        if (sizeLine == null) {
            throw new EOFException("the connection ended before the last chunk");
        }
        int extension = sizeLine.indexOf(';');
        String size = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
        try {
            remainingInChunk = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: '" + sizeLine + "'", e);
        }
        if (remainingInChunk == 0) {
            for (String trailer = HttpLines.read(in); trailer != null && !trailer.isEmpty();
                 trailer = HttpLines.read(in)) {
                // Trailer fields carry nothing a benchmark needs.
            }
            ended = true;
            return false;
        }
        return true;
    }

    private void requireLine(String expected, String where) throws IOException {
        String line = HttpLines.read(in);
        if (!expected.equals(line)) {
            throw new IOException("expected an empty line " + where + ", got '" + line + "'");
        }
    }
}
