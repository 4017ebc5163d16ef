# mountlint: one non-recursive Makefile.
#
#   make                 build ./mountlint (strict warnings, -Werror)
#   make run             install what is missing, build, lint examples/
#   make check           install what is missing, build, run every test
#   make SANITIZE=address,undefined check
#   make install PREFIX=/usr/local
#   make deps            apt-get what the build and tests need

CC ?= cc
PREFIX ?= /usr/local
PKG_CONFIG ?= pkg-config
PKGS = yaml-0.1 libpcre2-8 libcjson
# libcurl's headers only: the doctor loads the library when it runs.
HEADER_PKGS = libcurl

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wvla -Wno-format-nonliteral
DEVELOPER ?= 1
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif

CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) \
	     -DRULES_DOC_URL='"file://$(PREFIX)/share/doc/mountlint/rules.md"' \
	     $(shell $(PKG_CONFIG) --cflags $(PKGS) $(HEADER_PKGS) 2>/dev/null)
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null || \
	echo -lyaml -lpcre2-8 -lcjson) -ldl

ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	      -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
BUILD = build/san
else
BUILD = build/opt
endif

SRC = $(wildcard lint/*.c parsers/*.c rules/*.c probe/*.c)
LIB_SRC = $(filter-out lint/main.c,$(SRC))
OBJ = $(SRC:%.c=$(BUILD)/%.o)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/stateful_images.o
TEST_SRC = $(wildcard tests/t_*.c)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

all: mountlint

mountlint: $(BUILD)/mountlint
	@cp $< $@

$(BUILD)/mountlint: $(BUILD)/lint/main.o $(LIB_OBJ)
	@echo "  LINK $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/%.o: %.c $(wildcard lint/*.h parsers/*.h rules/*.h probe/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The SARIF report names where rules.md is installed: it is rebuilt when
# PREFIX changes (`make install PREFIX=...` after a plain `make`).
$(BUILD)/prefix: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@

$(BUILD)/lint/report_sarif.o: $(BUILD)/prefix

# The ML202 image table is data; it is compiled in as a string.
$(BUILD)/gen/stateful_images.c: rules/stateful_images.tsv tests/embed.sh
	@mkdir -p $(dir $@)
	sh tests/embed.sh stateful_images_tsv $< > $@

$(BUILD)/gen/stateful_images.o: $(BUILD)/gen/stateful_images.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/tap.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  TEST $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

# The mounts mountlint resolves in a compose file, for tests/differential.sh.
$(BUILD)/tests/dump_mounts: tests/dump_mounts.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LINK $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

tests: $(TEST_BIN) $(BUILD)/tests/dump_mounts

deps:
	@sh tests/deps.sh build

test-deps:
	@sh tests/deps.sh test

run: deps
	$(MAKE) mountlint
	./mountlint --fail-on none examples

# Every test runs on the sanitizer build; ./mountlint is the plain one.
check: test-deps
	$(MAKE) mountlint
	$(MAKE) SANITIZE=address,undefined build/san/mountlint tests
	sh tests/run.sh build/san

# Fuzz targets (tests/fuzz/fuzz_*.c): libFuzzer with clang, the library
# built into build/fuzz. `make fuzz` runs each for FUZZ_SECONDS.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzzers/%)

$(BUILD)/fuzzers/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  FUZZ $@"
	@$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJ) $(LIBS)

fuzzers: $(FUZZ_BIN)

fuzz-build:
	$(MAKE) CC=$(FUZZ_CC) DEVELOPER=0 BUILD=build/fuzz \
		SANITIZE=fuzzer-no-link,address,undefined fuzzers

fuzz: fuzz-build
	sh tests/fuzz.sh build/fuzz $(FUZZ_SECONDS)

# Failure injection: a sanitizer build whose Nth allocation or read fails.
failpoints-build:
	$(MAKE) SANITIZE=address,undefined BUILD=build/fail \
		CFLAGS="-O1 -g -DMOUNTLINT_FAILPOINTS" build/fail/mountlint

$(BUILD)/bench_floor: tests/bench_floor.c
	@mkdir -p $(dir $@)
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

$(BUILD)/bench_run: tests/bench_run.c
	@mkdir -p $(dir $@)
	@$(CC) $(ALL_CFLAGS) -o $@ $<

# Speed and memory against the floor of a bare libyaml scan.
BENCH_RUNS ?= 5
bench: deps
	$(MAKE) mountlint $(BUILD)/bench_floor $(BUILD)/bench_run
	sh tests/bench.sh ./mountlint $(BUILD)/bench_floor $(BUILD)/bench \
		"$(BUILD)/bench_run $(BENCH_RUNS)"

rules.md: mountlint
	./mountlint rules --format markdown > $@

install: mountlint
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 mountlint $(DESTDIR)$(PREFIX)/bin/mountlint
	install -d $(DESTDIR)$(PREFIX)/share/doc/mountlint
	install -m 644 rules.md $(DESTDIR)$(PREFIX)/share/doc/mountlint/rules.md

clean:
	rm -rf build mountlint

.PHONY: all bench deps test-deps run check tests install clean \
	fuzz fuzz-build fuzzers failpoints-build FORCE
