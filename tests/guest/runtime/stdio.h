/* Bare-metal stand-in for <stdio.h>: the same names, printing to the HTIF console. */
#ifndef ORRERY_GUEST_STDIO_H
#define ORRERY_GUEST_STDIO_H
#include "printf.h"
#endif
