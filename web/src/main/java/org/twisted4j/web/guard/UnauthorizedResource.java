package org.twisted4j.web.guard;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.List;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * The 401 answer of an {@link HTTPAuthSessionWrapper} (Twisted's {@code UnauthorizedResource}): a leaf that
 * sends one {@code WWW-Authenticate} challenge per credential factory and the body {@code Unauthorized}
 * (nothing for HEAD), whatever the method and the rest of the path.
 *
 * <p>Threading: reactor thread only.
 */
final class UnauthorizedResource extends Resource {

    private static final byte[] BODY = "Unauthorized".getBytes(US_ASCII);

    private final List<CredentialFactory> factories;

    UnauthorizedResource(List<CredentialFactory> factories) {
        this.factories = factories;
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public Resource getChildWithDefault(String path, Request request) {
        return this;
    }

    @Override
    public void putChild(String path, Resource child) {
        throw new UnsupportedOperationException("an UnauthorizedResource has no children");
    }

    @Override
    public byte[] render(Request request) {
        request.setResponseCode(401);
        Challenges.challenge(request, factories);
        return request.getMethod().equals("HEAD") ? new byte[0] : BODY.clone();
    }

    @Override
    public List<String> allowedMethods() {
        return List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }
}
