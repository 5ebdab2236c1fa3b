import type { BrowserContext } from 'playwright-core';

/** One thing a page's Content-Security-Policy or Permissions-Policy refused, as reported. */
export interface PolicyReport {
  readonly page: string;
  readonly what: string;
}

/**
 * Collects every `securitypolicyviolation` event of every page in `context` (across
 * navigations: the pages report through a binding), and every console message Chromium writes
 * about a Content-Security-Policy or a Permissions-Policy header (refusals, unknown features).
 * Call before the context opens its first page.
 */
export async function watchPolicyViolations(context: BrowserContext): Promise<PolicyReport[]> {
  const reports: PolicyReport[] = [];
  await context.exposeBinding('__reportPolicyViolation', ({ page }, what: string) => {
    reports.push({ page: page?.url() ?? '?', what });
  });
  // Init scripts run before the page's own scripts and are not subject to its CSP.
  await context.addInitScript(() => {
    const report = (window as unknown as { __reportPolicyViolation: (what: string) => void })
      .__reportPolicyViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      report(`${event.effectiveDirective} refused ${event.blockedURI}`);
    });
  });
  context.on('console', (message) => {
    if (/content.security.policy|permissions.policy/i.test(message.text()))
      reports.push({ page: message.page()?.url() ?? '?', what: message.text() });
  });
  return reports;
}
