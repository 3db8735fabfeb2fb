#!/usr/bin/env python3
"""A TCP pair whose receiver holds every read for a known time: the known delay of the
accuracy test (test/record/accuracy.root.test.ts).

  delayed-reader.py server ADDR PORT DELAY_US
  delayed-reader.py client ADDR PORT DURATION_SEC RATE PAYLOAD_BYTES

The server waits until its connection is readable, then waits DELAY_US more, then reads. It
polls for readability in a loop (select with a zero timeout) instead of sleeping in select:
a sleeping reader's wakeup latency is part of the measured stage, and it moves with the
machine's load between a baseline run and a held one (0.1 to 0.7 ms medians on a busy VM),
while a polling reader sees the data within microseconds of its arrival. The kernel's sk_data_ready fires when a segment is queued and skb_copy_datagram_iovec
when recvmsg copies it, so the hold lands between those two events and nowhere else: in the
sock_ready>app_read stage. The wait spins too: a sleep's wakeup comes late by however busy the
machine is, and the reader is polling anyway. TCP, not UDP: tcp_recvmsg always copies
through skb_copy_datagram_iovec, while udp_recvmsg often copies without that tracepoint.

The client sends PAYLOAD_BYTES with TCP_NODELAY every 1/RATE s (absolute deadlines, so one late
send does not shift the rest), one segment each; RATE must leave more than DELAY_US between
segments, or a segment queues behind the held one and is read early. It prints
"sent N", the server "read N bytes" on SIGTERM.
"""
import select
import signal
import socket
import sys
import time

def hold(delay_ns: int) -> None:
    deadline = time.monotonic_ns() + delay_ns
    while time.monotonic_ns() < deadline:
        pass


def serve(addr: str, port: int, delay_us: int) -> None:
    total = 0

    def stop(_signum: int, _frame: object) -> None:
        print(f"read {total} bytes", flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((addr, port))
    listener.listen(4)
    while True:
        conn, _ = listener.accept()
        with conn:
            while True:
                while not select.select([conn], [], [], 0)[0]:
                    pass
                hold(delay_us * 1000)
                data = conn.recv(65536)
                if not data:
                    break
                total += len(data)


def send(addr: str, port: int, duration_s: float, rate: int, payload: int) -> None:
    conn = socket.create_connection((addr, port))
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    message = b"a" * payload
    interval_ns = 1_000_000_000 // rate
    start = time.monotonic_ns()
    end = start + int(duration_s * 1e9)
    sent = 0
    while True:
        due = start + sent * interval_ns
        if due >= end:
            break
        now = time.monotonic_ns()
        if due > now:
            time.sleep((due - now) / 1e9)
        conn.sendall(message)
        sent += 1
    conn.close()
    print(f"sent {sent}", flush=True)


def main(argv: list) -> int:
    if len(argv) == 4 and argv[0] == "server":
        serve(argv[1], int(argv[2]), int(argv[3]))
        return 0
    if len(argv) == 6 and argv[0] == "client":
        send(argv[1], int(argv[2]), float(argv[3]), int(argv[4]), int(argv[5]))
        return 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
