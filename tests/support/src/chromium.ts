import { chromium, type Browser } from 'playwright-core';
import { requireBinary } from './binaries';

/** Headless, sandbox-free and quiet: the system's Chromium as tests, benches and screenshots drive it. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches the system's Chromium (playwright-core drives it); fails with the install line when missing. */
export function launchChromium(executablePath = requireBinary('chromium')): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumArgs });
}
