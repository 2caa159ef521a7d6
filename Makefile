# Continuum: make demo | make test | make bench | make format
# Every target installs what it needs first (Debian packages through apt-get; npm packages
# inside bench/ for the benchmark peers).

BUILD   ?= build
JOBS    ?= $(shell nproc)
DEMO    ?= demo

# Debian packages the build and tests need (docs/dependencies.md says why each is here).
APT_PACKAGES = cmake g++ make pkg-config libsqlite3-dev sqlite3 libcli11-dev \
               nlohmann-json3-dev libfmt-dev libeigen3-dev libgtest-dev libgmock-dev libbenchmark-dev \
               clang-format
# The DuckDB benchmark peer runs on Node.js; Debian's nodejs and npm are installed only when no
# node is on the PATH (a machine may carry a Node.js build that bundles its own npm).

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps bench-deps node-deps build demo test bench format clean

all: build

# Installs only what is missing; silent when everything is present.
define apt_install
	@missing=$$(for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))

bench-deps: deps
	$(call apt_install,python3-sklearn)
	@command -v npm >/dev/null || $(MAKE) --no-print-directory node-deps
	@cd bench && [ -d node_modules/@duckdb/node-api ] || npm install --no-audit --no-fund --silent

node-deps:
	$(call apt_install,nodejs npm)

$(BUILD)/Makefile: CMakeLists.txt
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: deps $(BUILD)/Makefile
	@bash -c 'set -o pipefail; cmake --build $(BUILD) -j$(JOBS) -- --no-print-directory 2>&1 \
	  | { grep -Ev "^\[ *[0-9]+%\]|^Consolidate|^Scanning|^Built target|directory" || true; }'

# Generates the Nelson demo ICO, imports it into a fresh workspace and prints the summary.
demo: build
	@rm -rf $(DEMO)/data $(DEMO)/workspace.db $(DEMO)/workspace.db-wal $(DEMO)/workspace.db-shm
	@mkdir -p $(DEMO)
	@$(BUILD)/continuum generate --out $(DEMO)/data
	@$(BUILD)/continuum import $(DEMO)/data --workspace $(DEMO)/workspace.db
	@$(BUILD)/continuum summary --workspace $(DEMO)/workspace.db | tee $(DEMO)/summary.txt
	@$(BUILD)/continuum activity --workspace $(DEMO)/workspace.db --csv > $(DEMO)/activity.csv
	@echo
	@echo "Workspace: $(DEMO)/workspace.db   Data: $(DEMO)/data/"
	@echo "Reports:   $(DEMO)/summary.txt (above)   $(DEMO)/activity.csv (activity and cost by practice, month and setting)"
	@echo "Next:      $(BUILD)/continuum --help"

test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

bench: bench-deps build
	@bash bench/run.sh

format: deps
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(DEMO)
