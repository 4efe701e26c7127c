package org.twisted4j.protocols.amp;

import org.twisted4j.logger.Logger;

/** The logger of this package. */
final class AmpLog {
    static final Logger LOG = Logger.forClass(AMP.class);

    private AmpLog() {
    }
}
