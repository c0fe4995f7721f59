#include <stdint.h>
#include "printf.h"
#include "htif.h"

int putchar(int ch)
{
  htif_putchar(ch);
  return (unsigned char)ch;
}

int puts(const char *s)
{
  int n = 0;
  while (*s)
    n += (putchar(*s++), 1);
  putchar('\n');
  return n + 1;
}

static int pad(int count, char ch)
{
  int n = 0;
  for (; count > 0; count--, n++)
    putchar(ch);
  return n;
}

/* Emit digits of a magnitude in `base`, honouring width, '-' and '0'. */
static int print_number(uint64_t value, int negative, unsigned base, int upper, int width,
                        int left, int zero)
{
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char buf[24];
  int len = 0, n = 0;
  do {
    buf[len++] = digits[value % base];
    value /= base;
  } while (value);
  int total = len + negative;
  if (!left && !zero)
    n += pad(width - total, ' ');
  if (negative)
    n += (putchar('-'), 1);
  if (!left && zero)
    n += pad(width - total, '0');
  while (len)
    n += (putchar(buf[--len]), 1);
  if (left)
    n += pad(width - total, ' ');
  return n;
}

int vprintf(const char *fmt, va_list ap)
{
  int n = 0;
  for (; *fmt; fmt++) {
    if (*fmt != '%') {
      n += (putchar(*fmt), 1);
      continue;
    }
    fmt++;
    int left = 0, zero = 0, width = 0, longs = 0;
    for (;; fmt++) {
      if (*fmt == '-')
        left = 1;
      else if (*fmt == '0')
        zero = 1;
      else
        break;
    }
    if (*fmt == '*') {
      width = va_arg(ap, int);
      if (width < 0) {
        left = 1;
        width = -width;
      }
      fmt++;
    }
    while (*fmt >= '0' && *fmt <= '9')
      width = width * 10 + (*fmt++ - '0');
    while (*fmt == 'l' || *fmt == 'z') {
      longs++;
      fmt++;
    }
    switch (*fmt) {
    case 'd':
    case 'i': {
      int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
      uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
      n += print_number(mag, v < 0, 10, 0, width, left, zero);
      break;
    }
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      uint64_t v = longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
      unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
      n += print_number(v, 0, base, *fmt == 'X', width, left, zero);
      break;
    }
    case 'p':
      n += (putchar('0'), putchar('x'), 2);
      n += print_number((uintptr_t)va_arg(ap, void *), 0, 16, 0, 0, 0, 0);
      break;
    case 'c': {
      int c = va_arg(ap, int);
      if (!left)
        n += pad(width - 1, ' ');
      n += (putchar(c), 1);
      if (left)
        n += pad(width - 1, ' ');
      break;
    }
    case 's': {
      const char *s = va_arg(ap, const char *);
      if (!s)
        s = "(null)";
      int len = 0;
      while (s[len])
        len++;
      if (!left)
        n += pad(width - len, ' ');
      for (int i = 0; i < len; i++)
        n += (putchar(s[i]), 1);
      if (left)
        n += pad(width - len, ' ');
      break;
    }
    case '%':
      n += (putchar('%'), 1);
      break;
    case '\0':
      return n;
    default:
      /* Unknown conversion: echo it so the mistake is visible in the output. */
      n += (putchar('%'), putchar(*fmt), 2);
      break;
    }
  }
  return n;
}

int printf(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = vprintf(fmt, ap);
  va_end(ap);
  return n;
}
