/* list_walk: pointer chasing through a singly linked list laid out in a random
 * permutation, so consecutive nodes are far apart in memory. */
#include "../workload.h"

#ifndef ITER
#define ITER 500
#endif
#define NODES 65536

struct node {
  struct node *next;
  uint64_t value;
};

static struct node nodes[NODES];
static uint32_t perm[NODES];

uint64_t workload(void)
{
  uint64_t seed = 0x6c69737477616c6bULL, sum = 0;
  for (uint32_t i = 0; i < NODES; i++)
    perm[i] = i;
  for (uint32_t i = NODES - 1; i > 0; i--) { /* Fisher-Yates */
    uint32_t j = (uint32_t)(prng_next(&seed) % (i + 1));
    uint32_t t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  for (uint32_t i = 0; i < NODES; i++) {
    nodes[perm[i]].next = &nodes[perm[(i + 1) % NODES]];
    nodes[perm[i]].value = prng_next(&seed) >> 40;
  }
  struct node *p = &nodes[perm[0]];
  for (int it = 0; it < ITER; it++) {
    uint64_t acc = 0;
    for (uint32_t k = 0; k < NODES; k++) {
      acc += p->value ^ k;
      p = p->next;
    }
    p->value += acc & 0xff; /* each lap sees a slightly different list */
    sum = checksum_mix(sum, acc);
  }
  return sum;
}
