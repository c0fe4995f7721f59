# Make fragment: how to build a bare-metal RV64GC C program with this runtime.
# Include it after setting RUNTIME_DIR (this folder) and BUILD_DIR (where objects go).
# Provides RV_CC, RV_CFLAGS, RV_LDFLAGS, RUNTIME_OBJS and a rule for them.

RV_CC      ?= riscv64-linux-gnu-gcc
RV_ARCH    ?= -march=rv64gc -mabi=lp64d -mcmodel=medany
# -ffp-contract=off: no fused multiply-add, so results match a native x86-64 build bit for bit;
# -fno-math-errno: __builtin_sqrt becomes fsqrt.d with no libm fallback call.
RV_CFLAGS  ?= $(RV_ARCH) -static -nostdlib -nostartfiles -ffreestanding -O2 \
              -ffp-contract=off -fno-math-errno -fno-common -Wall -I$(RUNTIME_DIR)
RV_LDFLAGS ?= $(RV_ARCH) -static -nostdlib -nostartfiles -T $(RUNTIME_DIR)/link.ld \
              -Wl,--no-warn-rwx-segments -Wl,--build-id=none -Wl,-z,max-page-size=4096
RV_LIBS    ?= -lgcc

RUNTIME_SRCS := crt0.S htif.c printf.c string.c
RUNTIME_OBJS := $(addprefix $(BUILD_DIR)/runtime/,$(addsuffix .o,$(basename $(RUNTIME_SRCS))))
RUNTIME_DEPS := $(wildcard $(RUNTIME_DIR)/*.h) $(RUNTIME_DIR)/link.ld

$(BUILD_DIR)/runtime/%.o: $(RUNTIME_DIR)/%.c $(RUNTIME_DEPS)
	@mkdir -p $(dir $@)
	$(RV_CC) $(RV_CFLAGS) -c $< -o $@

$(BUILD_DIR)/runtime/%.o: $(RUNTIME_DIR)/%.S $(RUNTIME_DEPS)
	@mkdir -p $(dir $@)
	$(RV_CC) $(RV_CFLAGS) -c $< -o $@
