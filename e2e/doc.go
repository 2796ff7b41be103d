// Package e2e holds Broen's end-to-end tests; it has no code of its own.
//
// The tests build the real broen binary, load the demo municipality into a
// fresh SQLite database, start "broen serve -dev" on a free port and drive
// Debian's headless Chromium (/usr/bin/chromium, installed by
// install-chromium.sh beside this file, never downloaded by the tests)
// with chromedp: a newcomer's search on a small phone, an organisation's
// registration through the coordinator's approval to the public search in
// every locale, the language switcher, a keyboard-only walk through the
// search and the activity form, and axe-core (vendored in
// testdata/axe with its licence) on every page type in all five locales,
// signed in and out, for the WCAG 2.0 and 2.1 A and AA rules. Every tab
// also fails the test on a script error or a Content-Security-Policy
// violation in the browser's console.
//
// Without Chromium the tests are skipped with a message, unless CI is set,
// when they fail. Screenshots of every step go to BROEN_TEST_OUTPUT, or to
// test-output/e2e under the module root; the folder also gets the server's
// log and the browser driver's log.
package e2e
