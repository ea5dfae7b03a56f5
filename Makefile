# wizart-preflight — the commands a newcomer needs (see README.md).
SWIFT ?= swift
PACKAGES := libzip-dev libxml2-dev pkg-config
BIN := .build/release/wizart-preflight

.PHONY: deps build run test bench schemas golden clean

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

test: deps
	$(SWIFT) test

# Generates synthetic catalogues and image archives under bench-data/ (about 1 GB, kept for
# later runs) and times each stage against Python csv.reader, frictionless, zipfile + Pillow and
# unzip -tq where they are installed (pip install frictionless pillow).
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
