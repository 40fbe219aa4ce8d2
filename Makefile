# Petrel top-level build. `make` builds the SDK, kernel and apps into build/;
# `make test` runs unit and integration tests; `make run` boots apps/httpd
# and fetches its page from dom0 (`make run APP=apps/hello`: hello).
# Every target first makes sure the Debian packages it needs are installed.

TOP := $(CURDIR)
BUILD := $(TOP)/build
CACHE := $(BUILD)/cache
OBJ := $(BUILD)/obj
TESTBED := $(BUILD)/testbed
# The SDK sysroot petrel-cc builds against: newlib's headers and
# libraries, the SDK headers, libpetrel.a, libgcc.a, the linker script.
SYSROOT := $(BUILD)/sysroot

CC := gcc
LD := ld
AR := ar

GCC_INCLUDE := $(shell $(CC) -print-file-name=include)

# Kernel code: freestanding, no SSE (interrupt paths do not save it),
# frame pointers for backtraces, canaries, stack-clash probes (a big frame
# touches each page, so it always hits a guard page), one section per function so
# --gc-sections can drop what an image does not use.
KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-builtin -nostdinc -isystem $(GCC_INCLUDE) \
	-isystem $(BUILD)/include -I$(TOP) -I$(TOP)/arch/x86_64/include \
	-I$(TOP)/sdk/include \
	-mno-red-zone -mgeneral-regs-only -mcmodel=small -fno-pic -fno-pie \
	-fno-omit-frame-pointer -fno-shrink-wrap -fno-asynchronous-unwind-tables \
	-fstack-protector-strong -mstack-protector-guard=global -fstack-clash-protection \
	-ffunction-sections -fdata-sections \
	-D__XEN_INTERFACE_VERSION__=0x00040e00 -MMD -MP
KASFLAGS := $(filter-out -std=gnu11 -Werror,$(KCFLAGS)) -D__ASSEMBLY__
# The Xen public headers expect the includer to provide the stdint types.
KCFLAGS += -include stdint.h
# The libc glue (lib/libc) sees newlib's headers.
LIBCFLAGS := $(filter-out -nostdinc -ffreestanding,$(KCFLAGS)) -nostdinc \
	-isystem $(SYSROOT)/include -D__petrel__
LDFLAGS := -nostdlib -static -T $(TOP)/arch/x86_64/petrel.ld --gc-sections \
	-z max-page-size=4096 -z noexecstack --build-id=none

PETREL_CC := $(TOP)/sdk/bin/petrel-cc

CRT_SRCS := arch/x86_64/pv/head.S arch/x86_64/pvh/head.S \
	arch/x86_64/common/notes.S
ARCH_DIRS := $(addprefix arch/x86_64/,common pv pvh)
KERNEL_SRCS := $(filter-out $(CRT_SRCS),$(wildcard $(addsuffix /*.S,$(ARCH_DIRS)))) \
	$(wildcard $(addsuffix /*.c,$(ARCH_DIRS)) kernel/*.c kernel/lib/*.c kernel/mm/*.c \
		kernel/drivers/*.c lib/*.c)
LIBC_SRCS := $(wildcard lib/libc/*.c)
# The lwIP 2.1.3 port (net/) and lwIP itself: a patched copy of the
# cached source under build/lwip (images/bootstrap/prepare-lwip.sh),
# built with the libc flags. Only what refers to net_start() pulls it
# into an image (--gc-sections), so images without sockets do not grow.
LWIP := $(BUILD)/lwip
LWIP_PATCHES := $(sort $(wildcard images/bootstrap/patches/lwip/*.patch))
LWIP_SRCS := $(addprefix core/,def.c dns.c inet_chksum.c init.c ip.c mem.c \
		memp.c netif.c pbuf.c raw.c stats.c sys.c tcp.c tcp_in.c \
		tcp_out.c timeouts.c udp.c) \
	$(addprefix core/ipv4/,dhcp.c etharp.c icmp.c igmp.c ip4.c \
		ip4_addr.c ip4_frag.c) \
	$(addprefix core/ipv6/,ethip6.c icmp6.c inet6.c ip6.c ip6_addr.c \
		ip6_frag.c mld6.c nd6.c) \
	$(addprefix api/,api_lib.c api_msg.c err.c if_api.c netbuf.c netdb.c \
		netifapi.c sockets.c tcpip.c) \
	netif/ethernet.c
# libext2fs from e2fsprogs 1.47.0 for ext2/3/4 disks, and its glue
# (lib/ext2: an io_manager over blkfront and a vfs_ops): a patched copy
# of the cached source under build/e2fsprogs
# (images/bootstrap/prepare-e2fsprogs.sh), built with the libc flags but
# without warnings (it is not our code). Images link it only when asked
# (petrel-ext2.o, below).
E2FS := $(BUILD)/e2fsprogs
E2FS_PATCHES := $(sort $(wildcard images/bootstrap/patches/e2fsprogs/*.patch))
E2FS_SRCS := alloc.c alloc_sb.c alloc_stats.c alloc_tables.c badblocks.c \
	bb_inode.c bitmaps.c bitops.c blkmap64_ba.c blkmap64_rb.c blknum.c \
	block.c bmap.c check_desc.c closefs.c crc16.c crc32c.c csum.c \
	dblist.c dblist_dir.c digest_encode.c dir_iterate.c dirblock.c \
	dirhash.c expanddir.c ext_attr.c extent.c fallocate.c fileio.c \
	freefs.c gen_bitmap.c gen_bitmap64.c get_num_dirs.c get_pathname.c \
	hashmap.c i_block.c ind_block.c inline.c inline_data.c inode.c \
	io_manager.c link.c lookup.c mkdir.c mkjournal.c mmp.c namei.c newdir.c \
	openfs.c orphan.c punch.c rbtree.c read_bb.c res_gdt.c \
	rw_bitmaps.c sha512.c symlink.c unlink.c valid_blk.c
E2FS_CFLAGS := $(filter-out -Wall -Wextra -Werror,$(LIBCFLAGS)) -w \
	-I$(E2FS)/lib -I$(E2FS)/lib/ext2fs -I$(E2FS)/lib/et
EXT2_SRCS := $(wildcard lib/ext2/*.c)
EXT2_OBJS := $(patsubst %,$(OBJ)/%.o,$(EXT2_SRCS)) \
	$(patsubst %,$(OBJ)/e2fsprogs/%.o,$(E2FS_SRCS))
NET_SRCS := $(wildcard net/*.c)
NET_CFLAGS := $(LIBCFLAGS) -I$(TOP)/net/include -I$(LWIP)/src/include
LWIP_OBJS := $(patsubst %,$(OBJ)/lwip/%.o,$(LWIP_SRCS))
NET_OBJS := $(patsubst %,$(OBJ)/%.o,$(NET_SRCS))
CRT_OBJS := $(patsubst %,$(OBJ)/%.o,$(CRT_SRCS))
KERNEL_OBJS := $(patsubst %,$(OBJ)/%.o,$(KERNEL_SRCS))
LIBC_OBJS := $(patsubst %,$(OBJ)/%.o,$(LIBC_SRCS))
LIBPETREL := $(SYSROOT)/lib/libpetrel.a
NEWLIB := $(SYSROOT)/lib/libc.a
SDK_LIBS := $(addprefix $(SYSROOT)/lib/,libgcc.a petrel.specs libpthread.a librt.a)

# Apps: every folder under apps/ (and apps/tests/) holding .c files.
APP_DIRS := $(patsubst %/,%,$(sort $(dir $(wildcard apps/*/*.c apps/tests/*/*.c))))
# The network appliances need the sockets API; until the SDK has it they are
# built and tested natively only (test/integration/apps_native.py).
NET_APPS := apps/echo apps/httpd apps/tests/netclient
ifeq ($(wildcard sdk/include/sys/socket.h),)
APP_DIRS := $(filter-out $(NET_APPS),$(APP_DIRS))
endif
APP_IMAGES := $(foreach d,$(APP_DIRS),$(BUILD)/$(d)/$(notdir $(d)))

.PHONY: all deps sources kernel sdk apps testbed test unit-test fuzz fuzz-smoke run bench format clean distclean
all: kernel sdk apps

deps: $(BUILD)/.deps-ok
$(BUILD)/.deps-ok: images/bootstrap/host-deps.sh
	@bash images/bootstrap/host-deps.sh
	@mkdir -p $(BUILD)/include && ln -sfn /usr/include/xen $(BUILD)/include/xen
	@touch $@

sources: deps
	@bash images/bootstrap/fetch-sources.sh $(CACHE)

kernel: $(LIBPETREL) $(SYSROOT)/lib/petrel.ld

$(NEWLIB): images/bootstrap/build-newlib.sh $(wildcard images/bootstrap/patches/newlib/*.patch) $(BUILD)/.deps-ok
	@bash images/bootstrap/fetch-sources.sh $(CACHE)
	@bash images/bootstrap/build-newlib.sh $(CACHE) $(SYSROOT)
	@touch $@

# The sockets layer's objects keep their merged constants to themselves
# (see net_own_strings), so images without sockets do not carry them.
SOCKET_LIBC := socket% poll fcntl inet netdb

$(OBJ)/lib/libc/%.c.o: lib/libc/%.c $(NEWLIB) Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(LIBCFLAGS) -c $< -o $@
	$(if $(filter $(SOCKET_LIBC),$*),@$(call net_own_strings,libc/$*,$@))

# The sockets layer's stack side (lib/libc/socket_lwip.c) sees lwIP's
# headers; the rest of lib/libc sees only the SDK's.
$(OBJ)/lib/libc/socket_lwip.c.o: LIBCFLAGS += -I$(TOP)/net/include \
	-I$(LWIP)/src/include
$(OBJ)/lib/libc/socket_lwip.c.o: $(LWIP)/.prepared

$(LWIP)/.prepared: images/bootstrap/prepare-lwip.sh $(LWIP_PATCHES) $(NEWLIB)
	@bash images/bootstrap/fetch-sources.sh $(CACHE)
	@bash images/bootstrap/prepare-lwip.sh $(CACHE) $(LWIP)
	@touch $@

# File-scope string literals and constants land in .rodata.str1.* and
# .rodata.cst*, which `ld -r` would merge with the kernel's and so keep
# in every image: give each net object its own names, so --gc-sections
# can drop them.
NET_MERGED := str1.1 str1.8 str1.16 str1.32 cst2 cst4 cst8 cst16 cst32
net_own_strings = objcopy $(foreach a,$(NET_MERGED),--rename-section \
	.rodata.$(a)=.rodata.net.$(subst /,.,$(1)).$(a)) $(2)

$(OBJ)/lwip/%.c.o: $(LWIP)/.prepared Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      lwip/$*.c"
	@$(CC) $(NET_CFLAGS) -c $(LWIP)/src/$*.c -o $@
	@$(call net_own_strings,lwip/$*,$@)

$(E2FS)/.prepared: images/bootstrap/prepare-e2fsprogs.sh $(E2FS_PATCHES) \
		lib/ext2/e2fsprogs-config.h $(NEWLIB)
	@bash images/bootstrap/fetch-sources.sh $(CACHE)
	@bash images/bootstrap/prepare-e2fsprogs.sh $(CACHE) $(E2FS)
	@touch $@

$(OBJ)/e2fsprogs/%.c.o: $(E2FS)/.prepared Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      e2fsprogs/$*.c"
	@$(CC) $(E2FS_CFLAGS) -c $(E2FS)/lib/ext2fs/$*.c -o $@
	@$(call net_own_strings,e2fsprogs/$*,$@)

$(OBJ)/lib/ext2/%.c.o: lib/ext2/%.c $(E2FS)/.prepared Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(LIBCFLAGS) -isystem $(E2FS)/lib -c $< -o $@
	@$(call net_own_strings,ext2/$*,$@)

$(OBJ)/net/%.c.o: net/%.c $(LWIP)/.prepared Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(NET_CFLAGS) -c $< -o $@
	@$(call net_own_strings,net/$*,$@)

# With the SDK's headers: petrel/*.h and the POSIX headers newlib lacks.
$(SYSROOT)/lib/petrel.ld: arch/x86_64/petrel.ld $(NEWLIB) $(shell find sdk/include -name '*.h')
	@cp $< $@
	@cp -r sdk/include/. $(SYSROOT)/include/
	@# Xen's public headers, for conformance tests (petrel/hypercall.h).
	@mkdir -p $(SYSROOT)/include/xen && cp -rL $(BUILD)/include/xen/. $(SYSROOT)/include/xen/

# For builds without petrel-cc (pkg-config, see sdk/petrel.pc.in): the
# .pc file with this host's paths, and a default argv[0] object.
sdk: $(SYSROOT)/lib/pkgconfig/petrel.pc $(SYSROOT)/lib/pkgconfig/petrel-ext2.pc $(SYSROOT)/lib/petrel-name.o $(SDK_LIBS)

$(SYSROOT)/lib/pkgconfig/%.pc: sdk/%.pc.in sdk/include/petrel/version.h Makefile
	@mkdir -p $(dir $@)
	@sed -e 's|@SYSROOT@|$(SYSROOT)|' -e 's|@GCC_INCLUDE@|$(GCC_INCLUDE)|' \
		-e "s|@VERSION@|$$(sed -n 's/^#define PETREL_VERSION "\(.*\)"/\1/p' sdk/include/petrel/version.h)|" $< >$@

# What images link besides libpetrel and newlib: libgcc built with the
# image ABI (the host's has the red zone), the gcc specs that keep the
# host's library folders out of the link, and empty libpthread/librt
# (their functions are in libc here) so -lpthread and -lrt link.
$(SYSROOT)/lib/libgcc.a: images/bootstrap/build-libgcc.sh $(PETREL_CC) $(LIBPETREL) $(NEWLIB)
	@bash images/bootstrap/fetch-sources.sh $(CACHE)
	@bash images/bootstrap/build-libgcc.sh $(CACHE) $(SYSROOT)

$(SYSROOT)/lib/petrel.specs: sdk/petrel.specs $(NEWLIB)
	@cp $< $@

$(SYSROOT)/lib/libpthread.a $(SYSROOT)/lib/librt.a: $(NEWLIB)
	@rm -f $@ && $(AR) rcs $@

$(SYSROOT)/lib/petrel-name.o: sdk/petrel-name.c $(PETREL_CC) $(LIBPETREL) $(NEWLIB)
	@$(PETREL_CC) -O2 -c $< -o $@

# Objects also depend on this Makefile, so changed flags rebuild them.
$(OBJ)/%.c.o: %.c $(BUILD)/.deps-ok Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(OBJ)/%.S.o: %.S $(BUILD)/.deps-ok Makefile
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -c $< -o $@

# libpetrel.a holds one object: the start-up code, kernel and libc glue
# linked together, with every global but the exported ones (see
# lib/export-list.sh) made local, so apps may reuse the kernel's names.
# The linker script's EXTERN(_start) pulls it into every image.
# ext2/3/4 (libext2fs and lib/ext2, ~130 KB) is an object of its own,
# petrel-ext2.o, which an image links only when asked (petrel-cc
# --with-ext2, or -lpetrel-ext2: libpetrel-ext2.a is a linker script
# naming the object, since nothing refers to it but a weak reference).
# The names the two share are renamed __petrel_* in both
# (lib/addon-names.sh), and the rest of ext2's globals are made local.
PETREL_ALL := $(OBJ)/petrel-all.o
EXT2_ALL := $(SYSROOT)/lib/petrel-ext2.o
LIBPETREL_EXT2 := $(SYSROOT)/lib/libpetrel-ext2.a
# The export list reads the installed headers (petrel.ld installs them).
$(LIBPETREL): $(CRT_OBJS) $(KERNEL_OBJS) $(LIBC_OBJS) $(NET_OBJS) $(LWIP_OBJS) $(EXT2_OBJS) lib/export-list.sh \
		lib/addon-names.sh lib/ext2/libpetrel-ext2.ld $(SYSROOT)/lib/petrel.ld
	@mkdir -p $(dir $@)
	@echo "  AR      $@"
	@$(LD) -r -o $(PETREL_ALL).tmp $(CRT_OBJS) $(KERNEL_OBJS) $(LIBC_OBJS) \
		$(NET_OBJS) $(LWIP_OBJS)
	@$(LD) -r -o $(EXT2_ALL).tmp $(EXT2_OBJS)
	@bash lib/export-list.sh $(SYSROOT) $(LIBC_OBJS) -- $(PETREL_ALL).tmp \
		>$(OBJ)/exports.txt
	@bash lib/addon-names.sh $(OBJ)/exports.txt $(PETREL_ALL).tmp \
		$(EXT2_ALL).tmp >$(OBJ)/ext2-names.txt
	@awk '{ print $$2 }' $(OBJ)/ext2-names.txt >$(OBJ)/ext2-keep.txt
	@objcopy --redefine-syms=$(OBJ)/ext2-names.txt $(PETREL_ALL).tmp
	@objcopy --keep-global-symbols=$(OBJ)/exports.txt \
		--keep-global-symbols=$(OBJ)/ext2-keep.txt $(PETREL_ALL).tmp \
		$(PETREL_ALL)
	@objcopy --redefine-syms=$(OBJ)/ext2-names.txt $(EXT2_ALL).tmp
	@objcopy --keep-global-symbols=$(OBJ)/ext2-keep.txt $(EXT2_ALL).tmp \
		$(EXT2_ALL)
	@cp lib/ext2/libpetrel-ext2.ld $(LIBPETREL_EXT2)
	@rm -f $@ $(PETREL_ALL).tmp $(EXT2_ALL).tmp && $(AR) rcs $@ $(PETREL_ALL)

apps: $(APP_IMAGES)

# Libraries an app names on its link line, as its users' Makefiles would.
LDLIBS_apps/tests/int128 := -lm
LDLIBS_apps/tests/ext4 := --with-ext2
LDLIBS_apps/tests/fsmeta := --with-ext2

# An app image, built the way users build theirs: with petrel-cc.
define app_rule
$(BUILD)/$(1)/$(notdir $(1)): $(wildcard $(1)/*.c) $(PETREL_CC) $(LIBPETREL) $(SYSROOT)/lib/petrel.ld $(SDK_LIBS) sdk/include/petrel/*.h
	@echo "  PETREL-CC $$@"
	@mkdir -p $$(dir $$@)
	@$(PETREL_CC) -O2 -g -Wall -Wextra -Werror $(wildcard $(1)/*.c) -o $$@ $(LDLIBS_$(1))
	@strip -o $$@.stripped $$@
endef
$(foreach d,$(APP_DIRS),$(eval $(call app_rule,$(d))))

# httpd's pages, as C arrays (checked in, so petrel-cc *.c alone builds it).
apps/httpd/www.c: $(wildcard apps/httpd/www/*) apps/httpd/mkwww.sh
	@echo "  MKWWW   $@"
	@sh apps/httpd/mkwww.sh apps/httpd/www >$@.tmp && mv $@.tmp $@

testbed: deps
	@bash images/testbed/build.sh $(TESTBED) $(CACHE)

unit-test: deps
	@$(MAKE) -s -C test/unit BUILD=$(BUILD)/unit run

# libFuzzer harnesses (test/fuzz): `make fuzz` runs each for FUZZ_SECONDS
# (default 60); `make test` runs each for a fixed count (fuzz-smoke).
FUZZ_SECONDS ?= 60
fuzz: deps
	@$(MAKE) -s -C test/fuzz BUILD=$(BUILD)/fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz

fuzz-smoke: deps
	@$(MAKE) -s -C test/fuzz BUILD=$(BUILD)/fuzz smoke

test: deps sources
	@bash test/run-all.sh

# `make run`: boot httpd with a vif, fetch / with curl from dom0, print the
# page, stop the guest. `make run APP=apps/hello` boots hello as before.
APP ?= apps/httpd
run: all testbed
ifeq ($(APP),apps/httpd)
	@sdk/bin/petrel run apps/httpd --net --mem 32 --timeout 120 \
		--dom0 apps/httpd/fetch-index.sh -- -n 1
else
	@sdk/bin/petrel run $(APP) -- hello from make run
endif

bench: all testbed
	@bash bench/run.sh

# The one C style (Linux kernel, .clang-format): `make format` applies it.
format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(OBJ) $(LWIP) $(E2FS) $(BUILD)/lib $(BUILD)/apps $(BUILD)/unit $(BUILD)/fuzz \
		$(BUILD)/newlib-testsuite $(BUILD)/native

distclean:
	rm -rf $(BUILD)

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
