/* mandelbrot: escape-time iteration counts over a grid of the complex plane, double precision. */
#include "../workload.h"

#ifndef ITER
#define ITER 2
#endif
#define WIDTH 384
#define HEIGHT 256
#define MAX_ITER 256

uint64_t workload(void)
{
  uint64_t sum = 0;
  for (int it = 0; it < ITER; it++) {
    for (int py = 0; py < HEIGHT; py++) {
      uint64_t row = 0;
      double ci = -1.0 + 2.0 * py / HEIGHT;
      for (int px = 0; px < WIDTH; px++) {
        double cr = -2.25 + 3.0 * px / WIDTH + it * 1e-3;
        double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
        int n = 0;
        while (n < MAX_ITER && zr2 + zi2 <= 4.0) {
          zi = 2.0 * zr * zi + ci;
          zr = zr2 - zi2 + cr;
          zr2 = zr * zr;
          zi2 = zi * zi;
          n++;
        }
        row = row * 33 + n;
      }
      sum = checksum_mix(sum, row);
    }
  }
  return sum;
}
