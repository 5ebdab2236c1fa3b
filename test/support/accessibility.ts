import axe from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Violations a person would be blocked by; minor and moderate ones are left to review. */
const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe-core inside the page and returns its serious and critical violations. */
export async function blockingViolations(page: Page): Promise<Result[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern; an inline
  // <script> tag would be refused, as it should be.
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => {
    const injected = (window as unknown as { axe: typeof axe }).axe;
    return injected.run(document, { resultTypes: ['violations'] });
  });
  return (results as AxeResults).violations.filter((violation) =>
    BLOCKING.has(violation.impact ?? ''),
  );
}

/** One line per violation and node, so a failing test says what to fix. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map((node) => `${v.impact} ${v.id}: ${v.help} at ${node.target.join(' ')}`),
    )
    .join('\n');
}

/** No blocking violation at the desktop width nor at a phone's; leaves the page at 1440 px. */
export async function expectAccessibleAtBothWidths(page: Page, what: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const violations = await blockingViolations(page);
    expect(violations, `${what} at ${width}px:\n${describeViolations(violations)}`).toEqual([]);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
