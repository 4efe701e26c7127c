/**
 * Twisted's trial for JUnit 5: {@link org.twisted4j.trial.TrialExtension} runs each test, and its set-up and
 * tear-down, as a coroutine on a fresh reactor, so tests wait for Deferreds in straight-line code, and fails
 * tests that leave the reactor dirty or log errors; {@link org.twisted4j.trial.Trial} gives a test its
 * reactor, a {@code Clock}, and trial's synchronous assertions on Deferreds.
 */
@NullMarked
package org.twisted4j.trial;

import org.jspecify.annotations.NullMarked;
