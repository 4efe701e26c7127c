"""Logs in to an SSH server with paramiko and runs one command.

Usage: paramiko_client.py PORT USER PASSWORD COMMAND

Prints the negotiated algorithms on stderr, the command's output on stdout, and exits with its exit status.
"""
import sys

import paramiko


def main():
    port, user, password, command = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=port, username=user, password=password, allow_agent=False,
                   look_for_keys=False, timeout=20)
    transport = client.get_transport()
    sys.stderr.write("cipher %s mac %s hostkey %s\n" % (
        transport.remote_cipher, transport.remote_mac, transport.host_key_type))
    stdin, stdout, stderr = client.exec_command(command)
    stdin.close()
    output = stdout.read()
    status = stdout.channel.recv_exit_status()
    sys.stdout.buffer.write(output)
    sys.stdout.flush()
    client.close()
    sys.exit(status)


if __name__ == "__main__":
    main()
