/**
 * Database access from reactor code, in the manner of twisted.enterprise.adbapi.
 */
@NullMarked
package org.twisted4j.enterprise;

import org.jspecify.annotations.NullMarked;
