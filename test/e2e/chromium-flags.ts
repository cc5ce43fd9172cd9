// The command-line flags every Chromium under test (and in the benches) starts with, beside Playwright's own.
//
// Chromium keeps only the last --disable-features switch on its command line, so a list of ours would silently undo
// the one Playwright passes (route interception, no calls to Google, paint holding…): ours repeats Playwright's names.
// `test/unit/chromium-flags.test.ts` fails when the installed playwright-core disables a feature this list lacks.

/** playwright-core's own list (`chromiumSwitches.ts`, disabledFeatures). */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
];

/**
 * The address bar's WebUI popups (Chromium 15x): preloaded in a renderer of their own for every window, and each page a
 * test opens is a window. That renderer took a third of all the CPU of a userscript e2e file (48 of 156 s), on two
 * cores the browsers share with the page under test; no test opens the address bar, and Gloss has no part in it.
 */
export const BROWSER_UI_NOT_UNDER_TEST = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"];

/** `--no-sandbox` (root in CI), `--disable-gpu` (no GPU under Xvfb), and the features above switched off. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_NOT_UNDER_TEST].join(",")}`,
];
