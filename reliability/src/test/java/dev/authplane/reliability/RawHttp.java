package dev.authplane.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain loopback socket, byte for byte as the caller wrote it: broken headers,
 * control characters, odd methods, lying bodies. Each exchange uses its own connection with
 * {@code Connection: close} and a read timeout, so a server that never answers fails the test
 * instead of hanging it.
 */
final class RawHttp {

    static final int READ_TIMEOUT_MILLIS = 15_000;

    private RawHttp() {
    }

    /** A request as raw parts; header names and values are sent exactly as given. */
    record Request(String label, String method, String target, List<String[]> headers, byte[] body) {

        /** The request's bytes: request line, headers, {@code Content-Length} unless given, body. */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            boolean hasLength = false;
            for (String[] h : headers) {
                hasLength |= h[0].equalsIgnoreCase("Content-Length") || h[0].equalsIgnoreCase("Transfer-Encoding");
                write(out, h[0] + ": " + h[1] + "\r\n");
            }
            if (!hasLength && body != null) {
                write(out, "Content-Length: " + body.length + "\r\n");
            }
            write(out, "\r\n");
            if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public String toString() {
            return label + " (" + method + " " + target + ")";
        }
    }

    /** A parsed response: status, headers (lower-case names) and the de-chunked body. */
    record Response(int status, List<String[]> headers, String body) {

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equals(name.toLowerCase(Locale.ROOT))) {
                    return h[1];
                }
            }
            return null;
        }
    }

    static Response exchange(int port, Request request) {
        return exchangeFrom(null, port, request);
    }

    /**
     * Like {@link #exchange}, from the local address {@code localAddress} (e.g. {@code 127.0.0.2}:
     * on Linux all of 127.0.0.0/8 is loopback), so the server sees a second caller address;
     * {@code null} lets the system choose.
     */
    static Response exchangeFrom(String localAddress, int port, Request request) {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes());
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may answer and close before reading everything (e.g. an oversized body).
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP answer to " + request, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) != -1) {
                buffer.write(chunk, 0, n);
            }
        } catch (java.net.SocketException e) {
            if (buffer.size() == 0) {
                throw e;
            }
        }
        return buffer.toByteArray();
    }

    static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IllegalStateException("not an HTTP/1.1 response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip()});
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = headers.stream().anyMatch(h -> h[0].equals("transfer-encoding") && h[1].contains("chunked"));
        return new Response(status, headers, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOfCrlf(body, i);
            String sizeText = new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("broken chunked body");
    }
}
