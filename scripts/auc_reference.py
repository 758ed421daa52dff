"""Reference AUCs and DeLong intervals for test/fixtures/auc.json, computed pair by pair in plain Python (no ranks,
no libraries), so the TypeScript rank-based version is checked against an independent form. Includes Hanley &
McNeil's (1982) CT rating data (58 normal, 51 abnormal images, five-point scale), whose AUC they report as 0.893 and
standard error 0.032. Run: python3 scripts/auc_reference.py > test/fixtures/auc.json"""
import json
import math
from statistics import NormalDist

z = NormalDist().inv_cdf(0.975)


def psi(x, y):
    return 1.0 if x > y else 0.5 if x == y else 0.0


def delong(pos, neg):
    m, n = len(pos), len(neg)
    v10 = [sum(psi(x, y) for y in neg) / n for x in pos]
    v01 = [sum(psi(x, y) for x in pos) / m for y in neg]
    a = sum(v10) / m
    s10 = sum((v - a) ** 2 for v in v10) / (m - 1)
    s01 = sum((v - a) ** 2 for v in v01) / (n - 1)
    se = math.sqrt(s10 / m + s01 / n)
    return {"auc": a, "se": se, "low": max(0.0, a - z * se), "high": min(1.0, a + z * se)}, v10, v01


def paired(pos1, neg1, pos2, neg2):
    (e1, a10, a01), (e2, b10, b01) = delong(pos1, neg1), delong(pos2, neg2)
    m, n = len(a10), len(a01)
    d10 = [b - a for a, b in zip(a10, b10)]
    d01 = [b - a for a, b in zip(a01, b01)]
    md10, md01 = sum(d10) / m, sum(d01) / n
    var = sum((v - md10) ** 2 for v in d10) / (m - 1) / m + sum((v - md01) ** 2 for v in d01) / (n - 1) / n
    d = e2["auc"] - e1["auc"]
    se = math.sqrt(var)
    return {"difference": d, "se": se, "low": d - z * se, "high": d + z * se}


def lcg(seed):
    state = seed
    while True:
        state = (1103515245 * state + 12345) % 2147483648
        yield state / 2147483648


cases = []
# Hanley & McNeil (1982), Table 1: ratings 1 (definitely normal) … 5 (definitely abnormal)
normal = [1] * 33 + [2] * 6 + [3] * 6 + [4] * 11 + [5] * 2
abnormal = [1] * 3 + [2] * 2 + [3] * 2 + [4] * 11 + [5] * 33
est, _, _ = delong(abnormal, normal)
cases.append({"name": "hanley-mcneil-1982", "scores": abnormal + normal, "outcomes": [1] * 51 + [0] * 58, **est})

# heavy ties: scores in steps of 5, outcomes drawn with a chance rising with the score
r = lcg(20261124)
scores, outcomes, second = [], [], []
for _ in range(300):
    s = 5 * int(next(r) * 21)
    scores.append(s)
    outcomes.append(1 if next(r) < 0.15 + 0.6 * s / 100 else 0)
    second.append(10 * int(next(r) * 11) if next(r) < 0.5 else s)
est, _, _ = delong([s for s, o in zip(scores, outcomes) if o], [s for s, o in zip(scores, outcomes) if not o])
cases.append({"name": "ties-300", "scores": scores, "outcomes": outcomes, **est})
pos_idx = [i for i, o in enumerate(outcomes) if o]
neg_idx = [i for i, o in enumerate(outcomes) if not o]
comparison = paired([scores[i] for i in pos_idx], [scores[i] for i in neg_idx], [second[i] for i in pos_idx], [second[i] for i in neg_idx])
print(json.dumps({"z": z, "cases": cases, "paired": {"first": scores, "second": second, "outcomes": outcomes, **comparison}}))
