#!/bin/sh
# `npm test`: type-check, lint, the engine's C++ unit tests under ASan+UBSan, unit + integration tests
# (Vitest), then end-to-end tests (Playwright, Chromium) against the headless app. Keychain tests need
# the Secret Service, so those run inside with-keyring.sh.
set -eu
cd "$(dirname "$0")/.."
npm run --silent build
npm run --silent typecheck
npm run --silent lint
npm run --silent test:native
exec test/with-keyring.sh sh -c 'npx vitest run && npx playwright test'
