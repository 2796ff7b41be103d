# Broen. `make run` builds, migrates, loads the demo data on first start and
# serves on http://localhost:8080; `make test` runs every check CI runs.
GO       ?= go
# FTS5 full-text search is compiled into SQLite only with this tag.
TAGS     := sqlite_fts5
BIN      := bin/broen
BROEN_DB ?= data/broen.db
export BROEN_DB

.PHONY: build run test lint bench fmt clean fuzz chromium

# End-to-end tests (e2e/) drive Debian's headless Chromium; the chromium
# target installs it with apt-get when missing. Outside CI a failed install
# only makes those tests skip. Screenshots and logs go to E2E_OUT.
E2E_OUT ?= $(CURDIR)/test-output/e2e

# Each fuzzer runs briefly in `make test` (their saved inputs also run as
# ordinary tests); FUZZTIME=5m make fuzz runs them longer.
FUZZTIME ?= 3s
FUZZ_REGISTRY := FuzzOrgNumber FuzzPostcode FuzzPhone FuzzURL FuzzSchedule
FUZZ_WEB      := FuzzSearchQuery FuzzOrgForm FuzzActivityForm FuzzVolunteerForm

build:
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/broen

# -dev writes emails (invitations, password resets) to the log instead of
# needing an SMTP server.
run: build
	$(BIN) serve -demo -dev

test: lint chromium
	@$(MAKE) --no-print-directory fuzz
	@echo "e2e screenshots and logs: $(E2E_OUT)"
	BROEN_TEST_OUTPUT=$(E2E_OUT) $(GO) test -tags $(TAGS) -count=1 -timeout 20m ./...; \
	status=$$?; echo "e2e screenshots and logs: $(E2E_OUT)"; exit $$status

chromium:
	@sh e2e/install-chromium.sh || [ -z "$$CI" ]

fuzz:
	@out=$$(mktemp); for t in $(FUZZ_REGISTRY:%=registry:%) $(FUZZ_WEB:%=web:%); do \
		pkg=$${t%%:*}; f=$${t#*:}; echo "fuzz $$f ($(FUZZTIME))"; \
		$(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) ./$$pkg/ >$$out 2>&1 \
			|| { grep -v '^fuzz: elapsed' $$out; rm -f $$out; exit 1; }; done; rm -f $$out

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...

bench:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
