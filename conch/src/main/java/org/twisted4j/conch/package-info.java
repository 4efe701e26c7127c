/**
 * SSH, in the manner of twisted.conch.
 */
@NullMarked
package org.twisted4j.conch;

import org.jspecify.annotations.NullMarked;
