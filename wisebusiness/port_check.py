"""Exit with a clear message when the port ``make run`` wants is already taken."""

import socket
import sys


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    host, port = argv[1], int(argv[2])
    if port_is_free(host, port):
        return 0
    print(
        f"Port {port} on {host} is already in use (is WISE Business already running?).\n"
        f"Stop the other server, or choose another port: make run PORT={port + 1}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
