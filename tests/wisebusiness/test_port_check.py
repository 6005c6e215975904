import socket

from wisebusiness.port_check import main


def test_a_free_port_passes():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["port_check", "127.0.0.1", str(port)]) == 0


def test_a_taken_port_gives_a_clear_message(capsys):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert main(["port_check", "127.0.0.1", str(port)]) == 1
    message = capsys.readouterr().err
    assert f"Port {port} on 127.0.0.1 is already in use" in message
    assert f"make run PORT={port + 1}" in message
