/**
 * Chat protocols, in the manner of twisted.words.
 */
@NullMarked
package org.twisted4j.words;

import org.jspecify.annotations.NullMarked;
