/* interp: a stack-machine bytecode interpreter with switch dispatch (indirect jumps),
 * running a program that sums Collatz sequence lengths. */
#include "../workload.h"

#ifndef ITER
#define ITER 1800
#endif

enum op { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_DUP, OP_DROP,
          OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ, OP_SHR, OP_AND, OP_HALT };

/* Program memory and a tiny assembler: labels are patched after emission. */
static int32_t code[256];
static int code_len;

static int emit(int32_t op, int32_t operand, int has_operand)
{
  code[code_len++] = op;
  if (has_operand)
    code[code_len++] = operand;
  return code_len - 1; /* index of the operand, for patching */
}
#define E0(op) emit(op, 0, 0)
#define E1(op, x) emit(op, x, 1)

/* locals: 0 = n, 1 = x, 3 = total steps, 4 = limit.
 * for (n = 1; n < limit; n++) for (x = n; x != 1; total++) x = x odd ? 3x+1 : x/2; */
static void assemble(void)
{
  code_len = 0;
  E1(OP_PUSH, 1); E1(OP_STORE, 0);
  int outer = code_len;
  E1(OP_LOAD, 0); E1(OP_LOAD, 4); E0(OP_LT); int to_end = E1(OP_JZ, 0);
  E1(OP_LOAD, 0); E1(OP_STORE, 1);
  int inner = code_len;
  E1(OP_LOAD, 1); E1(OP_PUSH, 1); E0(OP_EQ); int to_next = E1(OP_JNZ, 0);
  E1(OP_LOAD, 1); E1(OP_PUSH, 1); E0(OP_AND); int to_even = E1(OP_JZ, 0);
  E1(OP_LOAD, 1); E1(OP_PUSH, 3); E0(OP_MUL); E1(OP_PUSH, 1); E0(OP_ADD); int to_store = E1(OP_JMP, 0);
  code[to_even] = code_len;
  E1(OP_LOAD, 1); E1(OP_PUSH, 1); E0(OP_SHR);
  code[to_store] = code_len;
  E1(OP_STORE, 1); E1(OP_LOAD, 3); E1(OP_PUSH, 1); E0(OP_ADD); E1(OP_STORE, 3); E1(OP_JMP, inner);
  code[to_next] = code_len;
  E1(OP_LOAD, 0); E1(OP_PUSH, 1); E0(OP_ADD); E1(OP_STORE, 0); E1(OP_JMP, outer);
  code[to_end] = code_len;
  E1(OP_LOAD, 3); E0(OP_HALT);
}

static int64_t run(const int32_t *code, int64_t limit)
{
  int64_t stack[64], locals[8] = { 0, 0, 0, 0, limit, 0, 0, 0 };
  int sp = 0, pc = 0;
  for (;;) {
    int32_t op = code[pc++];
    switch (op) {
    case OP_PUSH: stack[sp++] = code[pc++]; break;
    case OP_LOAD: stack[sp++] = locals[code[pc++]]; break;
    case OP_STORE: locals[code[pc++]] = stack[--sp]; break;
    case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
    case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
    case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
    case OP_DIV: sp--; stack[sp - 1] /= stack[sp]; break;
    case OP_MOD: sp--; stack[sp - 1] %= stack[sp]; break;
    case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case OP_DROP: sp--; break;
    case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
    case OP_EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
    case OP_JMP: pc = code[pc]; break;
    case OP_JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
    case OP_JNZ: pc = stack[--sp] ? code[pc] : pc + 1; break;
    case OP_SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
    case OP_AND: sp--; stack[sp - 1] &= stack[sp]; break;
    case OP_HALT: return stack[sp - 1];
    default: return -1;
    }
  }
}

uint64_t workload(void)
{
  uint64_t sum = 0;
  assemble();
  /* known answer: Collatz steps for n = 1..9 total 0+1+7+2+5+8+16+3+19 = 61 */
  if (run(code, 10) != 61)
    return 0;
  for (int round = 0; round < 4; round++)
    sum = checksum_mix(sum, (uint64_t)run(code, ITER + round * 100));
  return sum;
}
