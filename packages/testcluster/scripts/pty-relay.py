#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal for the kubelet stand-in's interactive exec (test infrastructure).

Node has no pty without a native addon, so this small relay owns the pty. Its stdin carries frames, so
keystrokes and resizes stay in order: 1 byte type (0 data, 1 resize as JSON {"cols","rows"}),
4 bytes big-endian length, payload. Its stdout is the terminal's output. Its exit code is the command's.
"""
import fcntl, json, os, pty, select, signal, struct, sys, termios

def main():
    argv = sys.argv[1:] or ["/bin/sh"]
    pid, master = pty.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        except OSError as err:
            os.write(2, f"exec {argv[0]}: {err.strerror}\r\n".encode())
            os._exit(127)

    def hang_up(*_):
        try:
            os.killpg(pid, signal.SIGHUP)
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        os._exit(129)

    signal.signal(signal.SIGTERM, hang_up)
    signal.signal(signal.SIGHUP, hang_up)
    buffered = b""
    stdin_open = True
    while True:
        watched = [master] + ([0] if stdin_open else [])
        readable, _, _ = select.select(watched, [], [])
        if 0 in readable:
            chunk = os.read(0, 65536)
            if not chunk:
                stdin_open = False
            buffered += chunk
            while len(buffered) >= 5:
                kind, size = buffered[0], struct.unpack(">I", buffered[1:5])[0]
                if len(buffered) < 5 + size:
                    break
                payload, buffered = buffered[5:5 + size], buffered[5 + size:]
                if kind == 0:
                    os.write(master, payload)
                elif kind == 1:
                    size_msg = json.loads(payload)
                    fcntl.ioctl(master, termios.TIOCSWINSZ,
                                struct.pack("HHHH", int(size_msg["rows"]), int(size_msg["cols"]), 0, 0))
        if master in readable:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            if not data:
                break
            os.write(1, data)
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)

if __name__ == "__main__":
    main()
