"""Co-occurrence counts the way an analyst would get them in pandas: df.T @ df on a 0/1 accounts × products
frame. Reads the matrix bench/crosssell.bench.ts wrote (uint8, row-major) and prints, for an int64 frame (what a
0/1 sheet becomes) and a float64 frame (numpy's BLAS path), the median of 5 runs in ms and one count to cross-check."""
import statistics
import sys
import time

import numpy as np
import pandas as pd

path, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
matrix = np.fromfile(path, dtype=np.uint8).reshape(rows, cols)
out = []
for dtype in (np.int64, np.float64):
    df = pd.DataFrame(matrix, columns=[f"Product {i + 1}" for i in range(cols)]).astype(dtype)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        co = df.T @ df
        times.append((time.perf_counter() - t0) * 1000)
    assert co.shape == (cols, cols)
    out.append(f"{statistics.median(times):.1f} {int(co.iloc[0, 1])}")
print(" ".join(out))
