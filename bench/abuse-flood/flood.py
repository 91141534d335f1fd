#!/usr/bin/env python3
"""Registration flood from one client while another user logs in: the other user's latency.

Standard library only. Against a running server at --base: registers the victim user, then
  1. baseline: for --seconds, the victim logs in back to back (and, beside it, reads /api/me/
     every 50 ms);
  2. flood: the same, while --flood connections from another source address register new users
     back to back.
Prints the victim's login and /api/me/ p50/p99 for both phases and what the flood got (answers
by status, registrations per second). The two clients use different loopback source addresses
(--victim-source, --flood-source; Linux routes all of 127/8 to lo) so that per-address limits
see two clients; --flood-sources N spreads the flood over N addresses (127.0.1.1 ...), as a
flood from many clients.
"""
import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse
import uuid
from collections import Counter


def connection(base, source):
    url = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=60, source_address=(source, 0))


def request(conn, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, data


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Victim:
    def __init__(self, base, source, user, password):
        self.base, self.source, self.user, self.password = base, source, user, password
        self.logins, self.mes, self.statuses = [], [], Counter()

    def run(self, stop):
        threads = [threading.Thread(target=self._logins, args=(stop,)), threading.Thread(target=self._me, args=(stop,))]
        for t in threads:
            t.start()
        return threads

    def _logins(self, stop):
        conn = connection(self.base, self.source)
        while not stop.is_set():
            start = time.perf_counter()
            status, _ = request(conn, "POST", "/api/token/", {"username": self.user, "password": self.password})
            self.logins.append((time.perf_counter() - start) * 1000)
            self.statuses["login %d" % status] += 1

    def _me(self, stop):
        conn = connection(self.base, self.source)
        status, data = request(conn, "POST", "/api/token/", {"username": self.user, "password": self.password})
        token = json.loads(data)["access"]
        while not stop.is_set():
            start = time.perf_counter()
            status, _ = request(conn, "GET", "/api/me/", token=token)
            self.mes.append((time.perf_counter() - start) * 1000)
            self.statuses["me %d" % status] += 1
            time.sleep(0.05)


def flood(base, source, stop, statuses, lock):
    conn = connection(base, source)
    while not stop.is_set():
        try:
            status, _ = request(conn, "POST", "/api/register/", {"username": "flood-" + uuid.uuid4().hex, "password": "flood-password-1"})
        except (OSError, http.client.HTTPException):
            status = "error"
            conn.close()
            conn = connection(base, source)
        with lock:
            statuses[status] += 1


def phase(args, flooding):
    victim = Victim(args.base, args.victim_source, args.user, args.password)
    stop = threading.Event()
    statuses, lock = Counter(), threading.Lock()
    sources = [args.flood_source] if args.flood_sources <= 1 else ["127.0.1.%d" % (1 + i) for i in range(args.flood_sources)]
    flooders = [threading.Thread(target=flood, args=(args.base, sources[i % len(sources)], stop, statuses, lock))
                for i in range(args.flood if flooding else 0)]
    for t in flooders:
        t.start()
    if flooding:
        time.sleep(2)  # let the flood build up before measuring
        with lock:
            statuses.clear()
    started = time.perf_counter()
    threads = victim.run(stop)
    time.sleep(args.seconds)
    stop.set()
    elapsed = time.perf_counter() - started
    for t in threads + flooders:
        t.join()
    return victim, statuses, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:5000")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--flood", type=int, default=8, help="concurrent flooding connections")
    parser.add_argument("--victim-source", default="127.0.0.3")
    parser.add_argument("--flood-source", default="127.0.0.2")
    parser.add_argument("--flood-sources", type=int, default=1, help="spread the flood over this many source addresses")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    args.user, args.password = "victim-" + uuid.uuid4().hex[:8], "victim-password-1"
    status, data = request(connection(args.base, args.victim_source), "POST", "/api/register/", {"username": args.user, "password": args.password})
    assert status == 201, (status, data)

    results = {}
    for name, flooding in (("baseline", False), ("flood", True)):
        victim, statuses, elapsed = phase(args, flooding)
        results[name] = victim
        line = "%-8s %-9s victim login n=%-5d p50 %6.0f ms  p99 %6.0f ms | /api/me/ n=%-4d p50 %5.0f ms  p99 %5.0f ms | victim %s" % (
            args.label, name, len(victim.logins), statistics.median(victim.logins), percentile(victim.logins, 99),
            len(victim.mes), statistics.median(victim.mes), percentile(victim.mes, 99),
            ", ".join("%s: %d" % kv for kv in sorted(victim.statuses.items())))
        if flooding:
            total = sum(statuses.values())
            created = statuses.get(201, 0)
            line += " | flood %.1f answers/s, %.1f registrations/s, %s" % (
                total / elapsed, created / elapsed, ", ".join("%s: %d" % (k, v) for k, v in sorted(statuses.items(), key=str)))
        print(line, flush=True)


if __name__ == "__main__":
    main()
