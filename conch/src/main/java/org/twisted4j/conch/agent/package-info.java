/**
 * The SSH agent protocol (draft-miller-ssh-agent), in the manner of Twisted's {@code twisted.conch.ssh.agent}:
 * a client that lists an agent's keys and has it sign, so that private keys never leave the agent, and an agent
 * ({@link org.twisted4j.conch.agent.SshAgentServer}) that OpenSSH's {@code ssh-add} and {@code ssh} can use.
 */
@NullMarked
package org.twisted4j.conch.agent;

import org.jspecify.annotations.NullMarked;
