/** The AMP commands shared by the AMP unit tests and the interop tests of the testing module. */
@NullMarked
package org.twisted4j.protocols.amp.calculator;

import org.jspecify.annotations.NullMarked;
