# wizart-preflight — the commands a newcomer needs (see README.md).
SWIFT ?= swift
PACKAGES := libzip-dev libxml2-dev libcurl4-openssl-dev pkg-config
BIN := .build/release/wizart-preflight

.PHONY: deps build run test bench schemas golden clean fuzz

# Installs the C libraries the package links against, when they are missing.
deps:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --static-swift-stdlib --product wizart-preflight

# Builds the tool and checks the bundled valid wallpaper sample.
run: build
	$(BIN) check samples/wallpaper/catalog.csv --type wallpaper --images samples/wallpaper/images.zip

# The Swift test suite, then the integration scripts: SARIF against the OASIS schema, the HTML
# reports in headless Chromium, and the real pre-commit against a generated catalogue repository
# (each installs what it needs: a Python venv under .build/, Debian's chromium).
test: deps
	$(SWIFT) test
	./scripts/check-sarif
	./scripts/check-html
	./scripts/test-pre-commit

# Generates synthetic catalogues and image archives under bench-data/ (about 1 GB, kept for
# later runs) and times each stage against Python csv.reader, frictionless, zipfile + Pillow,
# unzip -tq, zip and openpyxl where they are installed (pip install frictionless pillow openpyxl).
bench: deps
	$(SWIFT) build -c release --product preflight-bench
	$(SWIFT) build -c release --static-swift-stdlib --product wizart-preflight
	.build/release/preflight-bench --out bench-data --tool $(BIN)

# Rebuilds the schemas embedded in the binary from schemas/*.json.
schemas:
	./scripts/embed-schemas

# Rewrites the golden reports of the samples after an intended change (review the diff!).
golden: deps
	UPDATE_GOLDEN=1 $(SWIFT) test --filter GoldenReportTests

clean:
	rm -rf .build bench-data

# ---- fuzzing (libFuzzer + AddressSanitizer) -------------------------------------------------------
# `make fuzz` builds fuzz-jpeg, fuzz-png, fuzz-zip-directory and fuzz-csv and runs each for
# FUZZ_SECONDS on Fuzz/corpus/<target>/ (seeds: python3 Fuzz/make-seeds.py).
# How the build works: SwiftPM cannot link a libFuzzer main, and the entry points must never be
# compiled by `swift build`/`swift test`, so they live in Fuzz/, not Sources/. Step 1 compiles the
# library modules with `swift build -c release -Xswiftc -sanitize=fuzzer,address` into a separate
# scratch folder (Fuzz/.build: it never takes the lock on .build, nor dirties it), which gives
# instrumented object files (coverage + ASan) and .swiftmodules. Step 2 compiles each Fuzz/Fuzz*.swift
# (-parse-as-library; it defines LLVMFuzzerTestOneInput) with swiftc against Fuzz/.build/release/Modules
# and links it with the object files of the modules it needs; -sanitize=fuzzer links libFuzzer's main
# (lld: gold warns about every ASan-local symbol).
# The module maps of the C targets must be on the search path (-I) for `import ZipKit`/`import Preflight`.
# The fuzzer runtime (libclang_rt.fuzzer-<arch>.a) ships with the Swift toolchain, next to its clang
# (<toolchain>/usr/lib/clang/<version>/lib/linux); Debian's libclang-rt-<n>-dev belongs to Debian's own
# clang and is never searched by swiftc, so apt cannot supply it: a toolchain without it must be replaced.
# SWIFT_BACKTRACE=enable=no: libFuzzer, not the Swift backtracer, must handle a crash (or it hangs).
# New inputs go to a scratch folder; FUZZ_UPDATE=1 merges those that add edge coverage (minimised,
# -merge=1; -use_counters=0 keeps hit-count variants out, so the committed corpus stays small) into
# Fuzz/corpus/<target>/. Crashes, leaks, timeouts, OOMs: Fuzz/crashes/<target>-* (gitignored).
SWIFTC ?= swiftc
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 65536
FUZZ_RSS_MB ?= 512
FUZZ_TIMEOUT ?= 10
FUZZ_UPDATE ?= 0
FUZZ_TARGETS ?= fuzz-jpeg fuzz-png fuzz-zip-directory fuzz-csv
# Extra libFuzzer flags, e.g. FUZZ_FLAGS=-jobs=2
FUZZ_FLAGS ?=
FUZZ_BUILD := Fuzz/.build
FUZZ_SWIFTC = $(SWIFTC) -use-ld=lld -sanitize=fuzzer,address -parse-as-library -swift-version 6 -O \
  -I $(FUZZ_BUILD)/release/Modules -I Sources/CLibzip -I Sources/CLibXML2 -I $(FUZZ_BUILD)/release/CPrefetch.build
# The object files of modules $(1): those of the module's current `sources` list (a *.o glob would also
# pick up objects of deleted files); a C target has no such list.
FUZZ_OBJECTS = $$(for m in $(1); do d=$(FUZZ_BUILD)/release/$$m.build; \
  if [ -f $$d/sources ]; then sed 's|.*/||' $$d/sources | while read f; do echo $$d/$$f.o; done; else ls $$d/*.o; fi; done)

fuzz: deps
	@rt=$$(ls "$$(dirname "$$(readlink -f "$$(command -v $(SWIFTC))")")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer-$$(uname -m).a 2>/dev/null | head -1); \
	if [ -z "$$rt" ]; then \
	  echo "no libFuzzer runtime (lib/clang/*/lib/linux/libclang_rt.fuzzer-$$(uname -m).a) in the Swift toolchain of $(SWIFTC)."; \
	  echo "It must match the toolchain's own clang; Debian's libclang-rt-*-dev cannot stand in. Install a swift.org toolchain."; \
	  exit 1; \
	fi
	$(SWIFT) build -c release --scratch-path $(FUZZ_BUILD) --target Preflight -Xswiftc -sanitize=fuzzer,address
	@mkdir -p $(FUZZ_BUILD)/bin Fuzz/crashes
	$(FUZZ_SWIFTC) Fuzz/FuzzImageProbe.swift $(call FUZZ_OBJECTS,ImageProbe) -o $(FUZZ_BUILD)/bin/fuzz-jpeg
	cp $(FUZZ_BUILD)/bin/fuzz-jpeg $(FUZZ_BUILD)/bin/fuzz-png
	$(FUZZ_SWIFTC) Fuzz/FuzzZipDirectory.swift $(call FUZZ_OBJECTS,ZipKit) -o $(FUZZ_BUILD)/bin/fuzz-zip-directory
	$(FUZZ_SWIFTC) Fuzz/FuzzCSV.swift $(call FUZZ_OBJECTS,Preflight ZipKit XLSXKit ImageProbe CPrefetch) -o $(FUZZ_BUILD)/bin/fuzz-csv
	@status=0; for t in $(FUZZ_TARGETS); do \
	  work=$(FUZZ_BUILD)/work/$$t; rm -rf $$work; mkdir -p $$work Fuzz/corpus/$$t; \
	  echo "== $$t: $(FUZZ_SECONDS) s on Fuzz/corpus/$$t ($$(ls Fuzz/corpus/$$t | wc -l) inputs)"; \
	  SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/bin/$$t -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$(FUZZ_MAX_LEN) -rss_limit_mb=$(FUZZ_RSS_MB) -timeout=$(FUZZ_TIMEOUT) -print_final_stats=1 \
	    -artifact_prefix=Fuzz/crashes/$$t- $(FUZZ_FLAGS) $$work Fuzz/corpus/$$t \
	    || { echo "!! $$t stopped on a failure: see Fuzz/crashes/$$t-*"; status=1; }; \
	  if [ "$(FUZZ_UPDATE)" = 1 ]; then \
	    SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/bin/$$t -merge=1 -use_counters=0 -max_len=$(FUZZ_MAX_LEN) -rss_limit_mb=$(FUZZ_RSS_MB) \
	      -timeout=$(FUZZ_TIMEOUT) -artifact_prefix=Fuzz/crashes/$$t- Fuzz/corpus/$$t $$work 2>&1 | tail -2; \
	  fi; \
	done; exit $$status
