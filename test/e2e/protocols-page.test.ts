import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILT_IN_PROTOCOLS } from '@roundtable/protocol';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { blockingViolations, describeViolations } from '../support/accessibility.ts';
import { test } from '../support/fixtures.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

async function openProtocols(page: Page, url: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${url}/protocols`);
  await page.getByRole('heading', { level: 1, name: 'Protocols' }).waitFor();
}

function protocolCard(page: Page, title: string): Locator {
  return page.getByRole('article', { name: title });
}

function phaseCard(article: Locator, title: string): Locator {
  return article
    .getByTestId('phase')
    .filter({ has: article.page().getByRole('heading', { name: title }) });
}

describe('the protocols page', () => {
  test('lists every built-in protocol with its phases in order', async ({ page, server }) => {
    await openProtocols(page, server.url, 1440);
    const titles = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(titles.map((t) => t.trim())).toEqual([
      'Issue Analysis',
      'Good News Analysis',
      'Veridical Report',
    ]);

    for (const protocol of BUILT_IN_PROTOCOLS) {
      const phases = protocolCard(page, protocol.title).getByRole('heading', { level: 3 });
      const names = await phases.evaluateAll((headings) =>
        headings.map((h) => h.textContent ?? ''),
      );
      expect(names.map((name) => name.replace(/\s+/g, ' ').trim())).toEqual(
        protocol.phases.map((phase, i) => `${i + 1} Phase ${i + 1}: ${phase.title}`),
      );
    }
  });

  test('shows who speaks, who listens in silence, and for how long', async ({ page, server }) => {
    await openProtocols(page, server.url, 1440);
    const issueAnalysis = protocolCard(page, 'Issue Analysis');

    const feedback = phaseCard(issueAnalysis, 'Peer feedback');
    expect(await feedback.getByTestId('silent-badge').innerText()).toBe(
      'Presenter listens in silence',
    );
    expect(await feedback.getByTestId('silent-badge').isVisible()).toBe(true);
    const feedbackFacts = await feedback.locator('dl').innerText();
    expect(feedbackFacts).toContain('Peers, one at a time (round-robin, 2 min each)');
    expect(feedbackFacts).toContain('15 min');

    const presentation = phaseCard(issueAnalysis, 'Presentation');
    expect(await presentation.getByTestId('silent-badge').count()).toBe(0);
    expect(await presentation.locator('dl').innerText()).toMatch(/Presenter[\s\S]*5 min/);

    const mentorStory = phaseCard(protocolCard(page, 'Veridical Report'), "Mentor's story");
    expect(await mentorStory.locator('dl').innerText()).toContain('Mentor');
    expect(await mentorStory.getByTestId('silent-badge').innerText()).toBe(
      'Presenter listens in silence',
    );

    expect(await issueAnalysis.locator('header dl').innerText()).toMatch(
      /Suggested time\s+33 min/i,
    );
  });

  test('shows guidance, sentence starters and the cards each phase accepts', async ({
    page,
    server,
  }) => {
    await openProtocols(page, server.url, 1440);
    const feedback = phaseCard(protocolCard(page, 'Issue Analysis'), 'Peer feedback');
    const text = await feedback.innerText();
    expect(text).toMatch(/Facilitator\s+Peers take turns/i);
    expect(text).toMatch(/Members\s+In your turn/i);
    expect(await feedback.getByRole('list').first().innerText()).toContain(
      'That reminds me of when I...',
    );
    expect(text).toMatch(/Board accepts\s+Experiences\s+Concerns\s+Context\s+Information/i);
  });

  test('fits a phone and a desktop screen without sideways scrolling', async ({ page, server }) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [1440, 390]) {
      await openProtocols(page, server.url, width);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `page is wider than a ${width}px screen`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SCREENSHOTS}protocols-${width}.png`, fullPage: true });
    }
  });

  test('has no serious or critical accessibility violations', async ({ page, server }) => {
    for (const width of [1440, 390]) {
      await openProtocols(page, server.url, width);
      const violations = await blockingViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    }
  });
});
