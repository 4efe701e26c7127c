package org.twisted4j.web.script;

import java.nio.file.Path;
import java.util.List;
import org.twisted4j.defer.Failure;
import org.twisted4j.web.DeferredResource;
import org.twisted4j.web.ErrorPage;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * The leaf standing for one resource script: each request waits for the script's current resource and is
 * rendered by it (after walking the remaining path segments down from it); a failed script is a 500 page.
 */
final class ResourceScript extends Resource {

    private final ResourceScripts scripts;
    private final Path file;

    ResourceScript(ResourceScripts scripts, Path file) {
        this.scripts = scripts;
        this.file = file;
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public Resource getChild(String path, Request request) {
        return this;
    }

    @Override
    public byte[] render(Request request) {
        boolean tracebacks = request.getSite().getDisplayTracebacks();
        return new DeferredResource(scripts.load(file).addErrback(failure -> errorPage(failure, tracebacks)))
                .render(request);
    }

    @Override
    public List<String> allowedMethods() {
        return List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }

    private Resource errorPage(Failure failure, boolean tracebacks) {
        String name = file.getFileName().toString();
        if (failure.value() instanceof ResourceScriptException e) {
            String where = "The resource script " + name + (e.line() > 0 ? " failed at line " + e.line() : " failed");
            return new ErrorPage(500, "Resource Script Error", tracebacks
                    ? where + ": " + e.problem() + (e.getCause() == null ? "" : "\n" + new Failure(e.getCause()).getTraceback())
                    : where + "; the error has been logged.");
        }
        return new ErrorPage(500, "Resource Script Error", "The resource script " + name + " could not be read"
                + (tracebacks ? ": " + failure.getErrorMessage() : "; the error has been logged."));
    }
}
