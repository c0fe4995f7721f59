/* A printf subset for bare-metal programs: %d %i %u %x %X %o %p %s %c %%,
 * length modifiers l/ll/z, flags '-' and '0', and a field width (digits or '*'). */
#ifndef ORRERY_GUEST_PRINTF_H
#define ORRERY_GUEST_PRINTF_H

#include <stdarg.h>

/** Print formatted text to the HTIF console; returns the number of characters written. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Like printf, with a va_list. */
int vprintf(const char *fmt, va_list ap);
/** Print a string and a newline. */
int puts(const char *s);
/** Print one character. */
int putchar(int ch);

#endif
