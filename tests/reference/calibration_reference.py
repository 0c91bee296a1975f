# Reference values for tests/test_calibration.cpp, computed once in plain Python 3.11
# (float64 math module; numpy is not installed on this machine).
import math
z = [[ 3.1, -0.4,  0.2, -1.0], [ 0.5,  2.2, -0.3,  0.1], [-1.2,  0.4,  2.8,  0.0],
     [ 0.3,  0.1, -0.5,  1.9], [ 2.4,  1.9, -0.2, -0.8], [-0.6,  2.7,  0.9, -1.1],
     [ 0.2, -0.3,  1.1,  1.4], [ 1.7, -1.5,  0.6,  0.8], [-0.9,  0.3, -0.1,  2.5],
     [ 1.2,  1.5,  0.4, -0.2], [ 0.0,  0.9,  3.3, -0.7], [ 2.0, -0.2, -0.6,  0.5]]
y = [0, 1, 2, 1, 1, 1, 2, 0, 3, 0, 2, 3]
# The test holds these scores as float32: use the float32 values here too.
import struct
f32 = lambda v: struct.unpack('f', struct.pack('f', v))[0]
z = [[f32(v) for v in row] for row in z]
def nll(T):
    total = 0.0
    for row, label in zip(z, y):
        s = [v / T for v in row]
        m = max(s)
        total += m + math.log(sum(math.exp(v - m) for v in s)) - s[label]
    return total / len(y)
# Brute force: a log-spaced grid of 20,001 points over [0.01, 100], then a grid of
# 20,001 points over the best point's neighbours, twice.
n = 20000
grid = [math.exp(math.log(0.01) + (math.log(100) - math.log(0.01)) * i / n) for i in range(n + 1)]
losses = [nll(t) for t in grid]
i = min(range(len(grid)), key=lambda k: losses[k])
lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, n)]
for _ in range(2):
    fine = [lo + (hi - lo) * k / n for k in range(n + 1)]
    fl = [nll(t) for t in fine]
    j = min(range(len(fine)), key=lambda k: fl[k])
    lo, hi = fine[max(j - 1, 0)], fine[min(j + 1, n)]
T = fine[j]
print("T = %.9f (bracket %.9f..%.9f)  nll(1) = %.10f  nll(T) = %.10f" % (T, lo, hi, nll(1.0), nll(T)))
print("2/ln3 = %.10f" % (2 / math.log(3)))
p = [[.72,.17,.11],[.23,.46,.31],[.06,.13,.81],[.34,.44,.22]]; yy = [0,2,2,1]
print("log_loss small = %.10f" % -(sum(math.log(f32(p[i][yy[i]])) for i in range(4)) / 4))
