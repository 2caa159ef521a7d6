# Continuum: make demo | make programme | make test | make bench | make format | make web | make fuzz
# Every target installs what it needs first (Debian packages through apt-get; npm packages
# inside web/ for the web app and inside bench/ for the benchmark peers).

BUILD   ?= build
JOBS    ?= $(shell nproc)
DEMO    ?= demo
# make test runs the web app's browser tests after the C++ tests; WEB_TESTS=0 skips them.
WEB_TESTS ?= 1
# make test SANITIZE=1 builds the C++ suite with AddressSanitizer and UndefinedBehaviorSanitizer
# in build-sanitize/ and runs it (no browser tests: the web app is the same either way).
SANITIZE ?= 0
CMAKE_OPTIONS = -DCMAKE_BUILD_TYPE=Release
# ccache, when present, keeps rebuilds of the three build folders quick.
CMAKE_OPTIONS += $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
ifeq ($(SANITIZE),1)
BUILD := build-sanitize
CMAKE_OPTIONS += -DCONTINUUM_SANITIZE=ON
WEB_TESTS := 0
# Any error a sanitizer finds fails the test that ran into it.
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
endif
# make fuzz: the libFuzzer targets of fuzz/, built by clang in build-fuzz/, each run for
# FUZZ_SECONDS over its seeds in fuzz/corpus/<name>/ (what it finds new is kept in
# build-fuzz/corpus/<name>/, an input that fails in build-fuzz/crashes/).
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
# Continuous integration (CI=true, as .ci/run sets) runs each fuzz target for this long.
CI_FUZZ_SECONDS ?= 5
# With CI=true the C++ suite runs sanitized, so the plain build makes only the binary the browser
# tests serve.
ifeq ($(CI)$(SANITIZE),true0)
BUILD_TARGETS = --target continuum
endif
FUZZERS = import_rows contract tariff scenario indicator pathway survey comorbidity voice_file api \
          row_blocks panel fhir_resources

# Debian packages the build and tests need (docs/dependencies.md says why each is here).
APT_PACKAGES = cmake g++ make pkg-config libsqlite3-dev sqlite3 libcli11-dev libsodium-dev \
               nlohmann-json3-dev libfmt-dev libeigen3-dev libgtest-dev libgmock-dev libbenchmark-dev \
               libcpp-httplib-dev libglpk-dev libroaring-dev python3-scipy python3-statsmodels \
               clang-format clang libfuzzer-14-dev \
               python3-dev pybind11-dev python3-numpy python3-pandas libsimdjson-dev
# The web app's build and tests and the DuckDB benchmark peer run on Node.js; Debian's nodejs (18)
# and npm are installed only when no npm is on the PATH (a machine may carry a newer Node.js build
# that bundles its own npm).

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Recipes run under bash with pipefail, so a step piped through cmake/progress.sh (which keeps its
# output short but prints a line at least every 30 seconds) still fails when the step fails.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PROGRESS = cmake/progress.sh

.PHONY: all deps bench-deps node-deps build demo programme test test-sanitize fuzz fuzz-build \
        bench bench-programme format clean web web-test python python-install fhir-validate-deps

all: build

# Installs only what is missing; silent when everything is present.
define apt_install
	@missing=$$(for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  { $(SUDO) apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q -o Dpkg::Use-Pty=0 \
	      --no-install-recommends $$missing; } 2>&1 | $(PROGRESS) apt; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))

bench-deps: deps
	$(call apt_install,python3-sklearn wrk curl chromium)
	@command -v npm >/dev/null || $(MAKE) --no-print-directory node-deps
	@cd bench && [ -d node_modules/@duckdb/node-api ] || npm ci --no-audit --no-fund --silent

node-deps:
	$(call apt_install,nodejs npm)

$(BUILD)/Makefile: CMakeLists.txt
	@echo "Configuring the C++ build in $(BUILD)/ (cmake)"
	@cmake -S . -B $(BUILD) $(CMAKE_OPTIONS) >/dev/null

# A full build takes minutes: it shows the file being compiled or the target being linked, with
# cmake's percentage, at most every 10 seconds; warnings and errors in full; nothing when there
# is nothing to do.
build: deps $(BUILD)/Makefile
	@cmake --build $(BUILD) $(BUILD_TARGETS) -j$(JOBS) -- --no-print-directory 2>&1 \
	  | $(PROGRESS) cmake "Building the C++ into $(BUILD)/continuum and its tests ($(JOBS) jobs)"

# Generates the Nelson demo ICO, imports it into a fresh workspace, prints the summary, the
# hard budget (capitation budget, monitor, risk-share settlement, risk simulation and a scenario),
# the quality indicators, the care pathways with their worklist and the emergency-admission risk model.
# The demo's users, name:role:practice, one of each role, all with one password; SERVE=0 stops
# before serving them the demo.
SERVE ?= 1
# Practices the commissioner contracts outside the ICO, for the Commissioner page's comparison.
DEMO_CONTROLS = 6
DEMO_PASSWORD = nelson-vale-demo
# name:role:organisation (the ICO, practice or commissioner whose data the user serves).
DEMO_USERS = admin:administrator: board:board:ZICO1 lead:clinical_lead:ZICO1 \
             gp_zp0001:practice_clinician:ZP0001 coordinator:care_coordinator:ZICO1 \
             commissioner:commissioner:ZQ1 evaluator:evaluator:
CONTRACT = data/contracts/nelson_vale.json
SCENARIO = data/scenarios/nelson_vale_savings.json
# The evaluator's analysis plan for the demo ICO (docs/evaluation.md).
PLAN = data/evaluation/nelson_vale_plan.json
# The contract, scenario and analysis plan are stored in the workspace (continuum contract add,
# scenario add, evaluate add), so the finance commands and the server read them from there.
FINANCE  = --workspace $(DEMO)/workspace.db
# A programme of pilot ICOs: PROGRAMME_ICOS ICOs under PROGRAMME_COMMISSIONERS commissioners,
# each commissioner with PROGRAMME_CONTROLS control practices, at a modest size so that it runs in
# a minute or two; the ICOs go live on staggered days (memberships.csv). Generated into
# $(PROGRAMME)/data and imported into $(PROGRAMME)/workspace.db, then summarised.
PROGRAMME ?= programme
PROGRAMME_ICOS ?= 20
PROGRAMME_COMMISSIONERS ?= 5
PROGRAMME_CONTROLS ?= 4
PROGRAMME_PATIENTS ?= 20000
PROGRAMME_PRACTICES ?= 6
# The first commissioner's analyst (its ICOs side by side), the evaluator (every ICO), the first
# ICO's board and a second commissioner's analyst.
PROGRAMME_USERS = admin:administrator: analyst1:commissioner:ZQ1 analyst2:commissioner:ZQ2 \
                  evaluator:evaluator: board1:board:ZICO1
programme: build
	@rm -rf $(PROGRAMME)/data $(PROGRAMME)/workspace.db $(PROGRAMME)/workspace.db-wal \
	  $(PROGRAMME)/workspace.db-shm $(PROGRAMME)/workspace.db-snapshots
	@mkdir -p $(PROGRAMME)
	@$(BUILD)/continuum generate --out $(PROGRAMME)/data --icos $(PROGRAMME_ICOS) \
	  --commissioners $(PROGRAMME_COMMISSIONERS) --control-practices $(PROGRAMME_CONTROLS) \
	  --patients $(PROGRAMME_PATIENTS) --practices $(PROGRAMME_PRACTICES)
	@$(BUILD)/continuum import $(PROGRAMME)/data --workspace $(PROGRAMME)/workspace.db
	@$(BUILD)/continuum voice import $(PROGRAMME)/data/voice_responses.csv \
	  --workspace $(PROGRAMME)/workspace.db
	@$(BUILD)/continuum summary --workspace $(PROGRAMME)/workspace.db | tee $(PROGRAMME)/summary.txt
	@# Each ICO's 2024-25 risk-share contract: the Nelson Vale contract for that ICO and its
	@# commissioner, stored in the workspace (continuum contract add).
	@tail -n +2 $(PROGRAMME)/data/organisations.csv | while IFS=, read -r id name kind parent; do \
	  [ "$$kind" = ico ] || continue; \
	  sed -e "s/\"ZICO1\"/\"$$id\"/" -e "s/\"ZQ1\"/\"$$parent\"/" \
	    -e "s/Nelson Vale ICO/$${name% Integrated Care Organisation} ICO/" \
	    data/contracts/nelson_vale.json > $(PROGRAMME)/contract_$$id.json; \
	  $(BUILD)/continuum contract add $(PROGRAMME)/contract_$$id.json \
	    --workspace $(PROGRAMME)/workspace.db >/dev/null || exit 1; \
	done
	@# The programme's analysis plan (every ICO a pilot), for the evaluator's Evaluation page.
	@$(BUILD)/continuum evaluate add data/evaluation/programme_plan.json \
	  --workspace $(PROGRAMME)/workspace.db >/dev/null
	@for u in $(PROGRAMME_USERS); do \
	  name=$${u%%:*}; rest=$${u#*:}; role=$${rest%%:*}; organisation=$${rest#*:}; \
	  echo "$(DEMO_PASSWORD)" | $(BUILD)/continuum user add $$name --role $$role \
	    $${organisation:+--organisation $$organisation} --password-stdin \
	    --workspace $(PROGRAMME)/workspace.db >/dev/null || exit 1; \
	done
	@echo "Workspace: $(PROGRAMME)/workspace.db   Data: $(PROGRAMME)/data/"
	@echo "Logins (password $(DEMO_PASSWORD)): $(foreach u,$(PROGRAMME_USERS),$(firstword $(subst :, ,$(u))))"
	@echo "Serve it: $(BUILD)/continuum serve --workspace $(PROGRAMME)/workspace.db"

demo: build web
	@rm -rf $(DEMO)/data $(DEMO)/workspace.db $(DEMO)/workspace.db-wal $(DEMO)/workspace.db-shm $(DEMO)/workspace.db-snapshots
	@mkdir -p $(DEMO)
	@$(BUILD)/continuum generate --out $(DEMO)/data --control-practices $(DEMO_CONTROLS)
	@$(BUILD)/continuum import $(DEMO)/data --workspace $(DEMO)/workspace.db
	@$(BUILD)/continuum voice import $(DEMO)/data/voice_responses.csv --workspace $(DEMO)/workspace.db
	@$(BUILD)/continuum contract add $(CONTRACT) --workspace $(DEMO)/workspace.db
	@$(BUILD)/continuum scenario add $(SCENARIO) --workspace $(DEMO)/workspace.db
	@$(BUILD)/continuum evaluate add $(PLAN) --workspace $(DEMO)/workspace.db
	@$(BUILD)/continuum summary --workspace $(DEMO)/workspace.db | tee $(DEMO)/summary.txt
	@$(BUILD)/continuum activity --workspace $(DEMO)/workspace.db --csv > $(DEMO)/activity.csv
	@echo; echo "== The budget and how it was set (continuum budget)"; echo
	@$(BUILD)/continuum budget --workspace $(DEMO)/workspace.db --per-head 1600 | tee $(DEMO)/budget.txt
	@echo; echo "== Spend against the budget at the end of September 2024 (continuum monitor)"; echo
	@$(BUILD)/continuum monitor $(FINANCE) --month 2024-09 --top 5 | tee $(DEMO)/monitor.txt
	@echo; echo "== The risk-share settlement at year end (continuum settle)"; echo
	@$(BUILD)/continuum settle $(FINANCE) | tee $(DEMO)/settlement.txt
	@echo; echo "== The financial risk by population size (continuum simulate)"; echo
	@$(BUILD)/continuum simulate $(FINANCE) | tee $(DEMO)/simulation.txt
	@echo; echo "== A savings scenario (continuum scenario)"; echo
	@$(BUILD)/continuum scenario $(FINANCE) | tee $(DEMO)/scenario.txt
	@echo; echo "== Quality of care by practice, with funnel limits and SPC signals (continuum quality)"; echo
	@$(BUILD)/continuum quality --workspace $(DEMO)/workspace.db > $(DEMO)/quality.txt
	@$(BUILD)/continuum quality --workspace $(DEMO)/workspace.db --summary
	@echo; echo "== Care pathways in 2024-25 and the overdue steps (continuum pathways)"; echo
	@$(BUILD)/continuum pathways --workspace $(DEMO)/workspace.db | tee $(DEMO)/pathways.txt
	@$(BUILD)/continuum pathways --workspace $(DEMO)/workspace.db --worklist --csv > $(DEMO)/worklist.csv
	@echo; echo "== Who is likely to be admitted as an emergency next year, and why (continuum risk)"; echo
	@$(BUILD)/continuum risk --workspace $(DEMO)/workspace.db --top 10 | tee $(DEMO)/risk.txt
	@echo; echo "== Did it work? The independent evaluation of the analysis plan (continuum evaluate)"; echo
	@$(BUILD)/continuum evaluate --plan $(PLAN) --workspace $(DEMO)/workspace.db \
	  --report $(DEMO)/evaluation.html | tee $(DEMO)/evaluation.txt
	@echo
	@echo "Workspace: $(DEMO)/workspace.db   Data: $(DEMO)/data/"
	@echo "Reports:   $(DEMO)/summary.txt  activity.csv  budget.txt  monitor.txt  settlement.txt  simulation.txt  scenario.txt  quality.txt  pathways.txt  worklist.csv  risk.txt  evaluation.txt  evaluation.html"
	@for u in $(DEMO_USERS); do \
	  name=$${u%%:*}; rest=$${u#*:}; role=$${rest%%:*}; organisation=$${rest#*:}; \
	  echo "$(DEMO_PASSWORD)" | $(BUILD)/continuum user add $$name --role $$role \
	    $${organisation:+--organisation $$organisation} --password-stdin --workspace $(DEMO)/workspace.db \
	    >/dev/null || exit 1; \
	done
	@echo "Demo logins (password $(DEMO_PASSWORD) for each; synthetic data only):"
	@for u in $(DEMO_USERS); do echo "  $${u%%:*}" | tr '\n' ' '; r=$${u#*:}; echo "($${r%%:*})"; done
	@if [ "$(SERVE)" = 0 ]; then echo "Next:      $(BUILD)/continuum --help"; else \
	  echo "Serving the demo at http://localhost:8080 (Ctrl-C to stop; make demo SERVE=0 skips this)"; \
	  $(BUILD)/continuum serve --workspace $(DEMO)/workspace.db --port 8080; fi

# With CI=true the C++ suite runs once, under the sanitizers (the same tests, stricter), and each
# fuzz target runs for CI_FUZZ_SECONDS: three builds' worth of checks in one run's time.
test: build fhir-validate-deps
ifeq ($(CI)$(SANITIZE),true0)
	@$(MAKE) --no-print-directory test-sanitize
else
	@rm -rf $(BUILD)/test-tmp && mkdir -p $(BUILD)/test-tmp
	@cd $(BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -j$(JOBS)
endif
ifneq ($(WEB_TESTS),0)
	@$(MAKE) --no-print-directory web-test
endif
ifeq ($(CI)$(SANITIZE),true0)
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(CI_FUZZ_SECONDS)
endif

# The Python package (docs/python.md): built into $(BUILD)/python/continuum with the rest;
# python-install copies it where Debian's /usr/bin/python3 finds it for this user.
python: build
	@echo "The continuum package is in $(BUILD)/python: PYTHONPATH=$(BUILD)/python /usr/bin/python3"

PYTHON_SITE = $(shell /usr/bin/python3 -m site --user-site)
python-install: python
	@mkdir -p $(PYTHON_SITE)/continuum
	@cp $(BUILD)/python/continuum/__init__.py $(BUILD)/python/continuum/_continuum*.so $(PYTHON_SITE)/continuum/
	@echo "Installed continuum into $(PYTHON_SITE): /usr/bin/python3 -c 'import continuum'"

test-sanitize:
	@$(MAKE) --no-print-directory test SANITIZE=1

fuzz-build: deps $(FUZZ_BUILD)/Makefile
	@bash -c 'set -o pipefail; cmake --build $(FUZZ_BUILD) --target fuzzers -j$(JOBS) -- \
	  --no-print-directory 2>&1 | { grep -Ev "^\[ *[0-9]+%\]|^Consolidate|^Scanning|^Built target|directory" || true; }'

$(FUZZ_BUILD)/Makefile: CMakeLists.txt fuzz/CMakeLists.txt
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) $(CMAKE_OPTIONS) -DCONTINUUM_FUZZ=ON >/dev/null

# Each target in turn; the run stops at the first that finds a failing input, and the totals
# (stat::number_of_executed_units) are summed at the end.
fuzz: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/crashes
	@total=0; for f in $(FUZZERS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$f; \
	  $(FUZZ_BUILD)/fuzz/$${f}_fuzzer $(FUZZ_BUILD)/corpus/$$f fuzz/corpus/$$f \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=60 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$f- > $(FUZZ_BUILD)/$$f.log 2>&1 \
	    || { tail -60 $(FUZZ_BUILD)/$$f.log; echo "fuzz: $$f failed (log: $(FUZZ_BUILD)/$$f.log)"; exit 1; }; \
	  runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_BUILD)/$$f.log); \
	  total=$$((total + runs)); \
	  printf 'fuzz: %-12s %9s inputs in %ss, no failures\n' $$f $$runs $(FUZZ_SECONDS); \
	done; echo "fuzz: $$total inputs in all"

# The FHIR export's schema check (src/fhir/validate/): the official FHIR R4 JSON schema, as an npm
# package, installed once and again only when its lock changes.
FHIR_VALIDATE_MODULES = src/fhir/validate/node_modules/.installed
fhir-validate-deps: $(FHIR_VALIDATE_MODULES)
$(FHIR_VALIDATE_MODULES): src/fhir/validate/package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory node-deps
	@cd src/fhir/validate && npm ci --engine-strict --no-audit --no-fund --silent
	@touch $@

# The web app (docs/web.md): TypeScript checked, then bundled by Vite into web/dist/. Its npm
# packages run on Node.js 18 or later: Debian 12's own nodejs (18) is enough, and
# web/check-debian-node.sh checks that on a machine with a newer one.
WEB_NODE_MODULES = web/node_modules/.installed
web: $(WEB_NODE_MODULES)
	@cd web && npx --no-install tsc --noEmit 2>&1 | ../$(PROGRESS) all "Type-checking the web app (tsc)"
	@cd web && npx --no-install vite build --logLevel warn 2>&1 \
	  | ../$(PROGRESS) all "Bundling the web app into web/dist/ (vite)"

# npm ci installs exactly what web/package-lock.json pins, again only when the lock changes;
# --engine-strict stops it with the reason when Node.js is older than a package needs. Each
# package fetched is a progress line (--loglevel=http), shown at most every 10 seconds.
$(WEB_NODE_MODULES): web/package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory node-deps
	@cd web && npm ci --engine-strict --no-audit --no-fund --loglevel=http 2>&1 \
	  | ../$(PROGRESS) npm "Installing the web app's npm packages (npm ci in web/)"
	@touch $@

# Browser tests: Debian's Chromium driven by playwright-core against `continuum serve` on a
# small generated ICO, one user per role; screenshots go to web/test-results/.
web-test: build web
	$(call apt_install,chromium)
	@cd web && CONTINUUM_BIN=$(BUILD)/continuum node --test tests/

bench: bench-deps build web
	@bash bench/run.sh

# The programme at scale (bench/programme.sh): generate, import and serve 40 ICOs, about 5 million
# patients and 240 million events, timed with the import's and the server's memory; not part of
# make bench (it takes a quarter of an hour and about 66 GB of disk). PROGRAMME_BENCH_ICOS=12 runs
# three commissioners' shards of it.
PROGRAMME_BENCH_ICOS ?= 40
bench-programme: deps build
	$(call apt_install,time wrk curl)
	@bash bench/programme.sh $(PROGRAMME_BENCH_ICOS)

format: deps
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-sanitize $(FUZZ_BUILD) $(DEMO) web/dist web/test-results
