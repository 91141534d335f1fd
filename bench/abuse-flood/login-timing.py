#!/usr/bin/env python3
"""How long a refused login takes: unknown user, wrong password, locked account.

Standard library only. Against a running server at --base with rate limiting off and
Identity:Lockout:MaxFailedAccessAttempts above --rounds: registers two users, locks the second
with that many wrong passwords, then sends the three kinds of refused login in turn, --rounds
times, and prints the median, mean and p90 of each and the differences of the medians.
A wrong password on an unlocked account also counts the failure (one UPDATE), written beside
the answer; the other two paths write nothing.
"""
import argparse
import http.client
import json
import statistics
import time
import urllib.parse
import uuid


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:5000")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--lock-after", type=int, required=True,
                        help="the server's Identity:Lockout:MaxFailedAccessAttempts; 0: lockout is off, the 'locked' account is only a second open one")
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)

    def post(path, body):
        start = time.perf_counter()
        conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        return response.status, (time.perf_counter() - start) * 1000

    tag = uuid.uuid4().hex[:8]
    open_user, locked_user = "open-" + tag, "locked-" + tag
    for user in (open_user, locked_user):
        assert post("/api/register/", {"username": user, "password": "right-password-1"})[0] == 201
    if args.lock_after > 0:
        for _ in range(args.lock_after):
            post("/api/token/", {"username": locked_user, "password": "wrong-password"})
        time.sleep(1)  # failures are counted beside the answer
        assert post("/api/token/", {"username": locked_user, "password": "right-password-1"})[0] == 401, "not locked"
        assert args.rounds < args.lock_after, "the open account would lock"

    kinds = {"unknown user": [], "wrong password": [], "locked account": []}
    for _ in range(args.rounds):
        for kind, user in (("unknown user", "nobody-" + tag), ("wrong password", open_user), ("locked account", locked_user)):
            status, ms = post("/api/token/", {"username": user, "password": "wrong-password"})
            assert status == 401, (kind, status)
            kinds[kind].append(ms)
    base = statistics.median(kinds["unknown user"])
    for kind, values in kinds.items():
        ordered = sorted(values)
        print("%-15s n=%d median %6.1f ms  mean %6.1f ms  p90 %6.1f ms  median - unknown %+5.1f ms" % (
            kind, len(values), statistics.median(values), statistics.mean(values), ordered[int(0.9 * (len(ordered) - 1))],
            statistics.median(values) - base))


if __name__ == "__main__":
    main()
