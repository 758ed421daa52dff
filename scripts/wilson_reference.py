"""Reference Wilson intervals for test/fixtures/wilson.json, written the way statsmodels' proportion_confint
(method="wilson") arranges the algebra, so the TypeScript version is checked against an independent form.
Run: python3 scripts/wilson_reference.py > test/fixtures/wilson.json"""
import json
import math
from statistics import NormalDist

z = NormalDist().inv_cdf(0.975)
cases = [(0, 1), (1, 1), (2, 4), (7, 10), (140, 200), (1, 1000), (999, 1000), (0, 50), (50, 50), (12345, 100000), (3, 7), (62, 140)]
out = []
for k, n in cases:
    p = k / n
    z2 = z * z
    center = (k + z2 / 2) / (n + z2)
    half = z * math.sqrt(n) / (n + z2) * math.sqrt(p * (1 - p) + z2 / (4 * n))
    out.append({"k": k, "n": n, "low": max(0.0, center - half), "high": min(1.0, center + half)})
print(json.dumps({"z": z, "cases": out}, indent=1))
