package com.therapyplatform.intake.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every API request body. Tomcat bounds only form posts ({@code maxPostSize}); a JSON body of
 * any size would be parsed. Reading past the bound, or reading at all when the declared
 * {@code Content-Length} is over it, fails with {@link PayloadTooLargeException}, which
 * {@link ProblemResponses} answers with 413: whether the body came with a length or chunked.
 */
class BoundedRequestBodies extends OncePerRequestFilter {

    private final long maxBytes;

    BoundedRequestBodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Bounded(request, maxBytes), response);
    }

    /** The body is larger than {@code intake.api.max-body-size}. An IOException, so parsers pass it on as a cause. */
    static final class PayloadTooLargeException extends IOException {

        PayloadTooLargeException() {
            super("request body over the bound");
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), maxBytes, getContentLengthLong() > maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private final boolean declaredTooLarge;
        private long read;

        Counting(ServletInputStream in, long maxBytes, boolean declaredTooLarge) {
            this.in = in;
            this.maxBytes = maxBytes;
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public int read() throws IOException {
            check(0);
            int b = in.read();
            if (b >= 0) {
                check(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check(0);
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                check(n);
            }
            return n;
        }

        private void check(int justRead) throws PayloadTooLargeException {
            read += justRead;
            if (declaredTooLarge || read > maxBytes) {
                throw new PayloadTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
