package org.twisted4j.cred;

/**
 * No credentials: the client asks to be let in as nobody in particular (Twisted's {@code IAnonymous}).
 * {@link AllowAnonymousAccess} accepts it with the avatar id {@link Portal#ANONYMOUS}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public interface Anonymous extends Credentials {

    /** The anonymous credentials. */
    Anonymous INSTANCE = new Anonymous() {
        @Override
        public String toString() {
            return "Anonymous";
        }
    };
}
