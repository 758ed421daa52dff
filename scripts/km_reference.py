"""Reference Kaplan-Meier for test/core/history/km.test.ts, written apart from core/history/km.ts and arranged
differently, so the TypeScript is checked against an independent form of the same definitions:

- S(t) = prod over event times t_i <= t of (1 - d_i / n_i), n_i = how many times are >= t_i (bisect on the sorted
  times, not a running count);
- Greenwood's variance of S itself, Var S = S^2 * sum d / (n (n - d)); the log-log interval written as a power,
  S ** exp(-+ z * se(S) / (S * log S)) (Kalbfleisch & Prentice; SAS PROC LIFETEST CONFTYPE=LOGLOG), z from
  statistics.NormalDist;
- quantiles of a step curve walked plateau by plateau: the first plateau at or below p, or the midpoint of a
  plateau exactly at p and the next one (R survival's quantile.survfit, tolerance sqrt(machine epsilon)); the median's
  interval from the lower and upper curves (Brookmeyer & Crowley 1982), a curve at 0 counting as 0.

Input (stdin): {"cases": [{"time": [...], "event": [0/1...], "at": [t, ...]}, ...]}
Output (stdout): {"cases": [{"rows": [[time, n, d, c, S, low, high], ...], "median": [m, low, high],
                             "at": [[S, low, high], ...]}]}; null where undefined (not reached, S = 0, past follow-up).
"""
import bisect
import json
import math
import sys
from collections import Counter
from statistics import NormalDist

Z = NormalDist().inv_cdf(0.975)
TOL = math.sqrt(sys.float_info.epsilon)


def fit(times, events):
    srt = sorted(times)
    total = len(srt)
    ev = Counter(t for t, e in zip(times, events) if e)
    ce = Counter(t for t, e in zip(times, events) if not e)
    s = 1.0
    acc = 0.0  # sum d / (n (n - d))
    rows = []
    for t in sorted(set(times)):
        n = total - bisect.bisect_left(srt, t)
        d = ev.get(t, 0)
        c = ce.get(t, 0)
        if d:
            if d == n:
                s = 0.0
                acc = math.inf
            else:
                s = s * (n - d) / n
                acc += d / (n * (n - d))
        if s == 1.0:
            low, high = 1.0, 1.0
        elif s == 0.0:
            low, high = None, None
        else:
            se_s = s * math.sqrt(acc)  # Greenwood standard error of S
            k = Z * se_s / (s * math.log(s))  # negative
            low, high = s ** math.exp(-k), s ** math.exp(k)
        rows.append([t, n, d, c, s, low, high])
    return rows


def quantile(times, ys, p):
    """Plateau walk: ys[i] holds from times[i] until times[i + 1]."""
    for i, y in enumerate(ys):
        if y < p - TOL:
            return times[i]
        if abs(y - p) <= TOL:
            for j in range(i + 1, len(ys)):
                if ys[j] < p - TOL:
                    return (times[i] + times[j]) / 2
            return None
    return None


def median(rows):
    ts = [r[0] for r in rows]
    s = [r[4] for r in rows]
    lo = [0.0 if r[4] == 0 else r[5] for r in rows]
    hi = [0.0 if r[4] == 0 else r[6] for r in rows]
    return [quantile(ts, s, 0.5), quantile(ts, lo, 0.5), quantile(ts, hi, 0.5)]


def at(rows, t):
    if not rows or (t > rows[-1][0] and rows[-1][4] > 0):
        return [None, None, None]
    last = None
    for r in rows:
        if r[0] <= t:
            last = r
        else:
            break
    if last is None:
        return [1.0, 1.0, 1.0]
    return [last[4], last[5], last[6]]


def main():
    data = json.load(sys.stdin)
    out = []
    for case in data["cases"]:
        rows = fit(case["time"], case["event"])
        out.append({"rows": rows, "median": median(rows), "at": [at(rows, t) for t in case.get("at", [])]})
    json.dump({"z": Z, "cases": out}, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main()
