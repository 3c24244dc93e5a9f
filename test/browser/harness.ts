import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { Role } from '../../src/common/auth/role.enum';
import { PasswordHasher } from '../../src/modules/users/password-hasher';
import { User } from '../../src/modules/users/user.entity';
import { WEB_CONSOLE_DIR } from '../../src/web-console.module';
import { createTestApp, resetState, type TestApp } from '../helpers/test-app';
import { REPO_ROOT } from '../helpers/test-env';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every page visited, for a person to look at: .local/browser/<spec>/NN-page.png */
export const OUTPUT_DIR = join(REPO_ROOT, '.local', 'browser');

/** How long nothing on a page may move before it is inspected. */
const QUIET_MS = 250;

/** A notice's close button (Mantine's). */
const NOTICE_CLOSE = '.mantine-Notification-closeButton';

/** What the page keeps of its motion (counted by the journey's init script). */
interface Motion {
  /** transitions and animations started */
  motions: number;
  /** motions when settle() last saw something move, and since when it has been still */
  motionsSeen?: number;
  stillSince?: number;
}

// The flags this machine needs: no sandbox as root, and no background calls to Google's hosts
// (the network is closed, and each refused connection slows the start).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Console {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** Boots the whole app on a free port, serving the built console, and starts Chromium. */
export async function startConsole(): Promise<Console> {
  readFileSync(join(WEB_CONSOLE_DIR, 'index.html')); // a clear ENOENT when the console is not built
  const app = await createTestApp();
  await resetState(app);
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // The browser's own language Indonesian, as our users' (the context's locale does not reach
    // it): a date input reads dd/mm/yyyy, not mm/dd/yyyy (scripts/browser.sh installs it).
    env: { ...process.env, LANGUAGE: 'id' },
  });
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

export interface Login {
  email: string;
  password: string;
}

/** A user of the role written straight to the database, to sign in through the console. */
export async function createUser(
  app: TestApp,
  role: Role,
  scope: { schoolId?: number; companyId?: number; studentId?: number; regionCodes?: string[] } = {},
): Promise<Login> {
  const limited = scope.regionCodes?.length ? '-regions' : '';
  const email = `${role.replace('_', '-')}${limited}@browser.test`;
  const password = `${role}-browser-password`;
  await app.dataSource.getRepository(User).insert({
    email,
    name: role,
    passwordHash: await app.app.get(PasswordHasher).hash(password),
    role,
    schoolId: scope.schoolId ?? null,
    companyId: scope.companyId ?? null,
    studentId: scope.studentId ?? null,
    regionCodes: (scope.regionCodes ?? []).join(','),
  });
  return { email, password };
}

interface Animation {
  playState: string;
  effect: { getTiming(): { iterations?: number } } | null;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Journey {
  page: Page;
  context: BrowserContext;
  /**
   * axe-core on the page as it is now (0 serious/critical violations), no control's text cut, no
   * page wider than the screen, and a screenshot; then the same on a phone (PHONE) where the
   * screen is wider.
   */
  check: (name: string) => Promise<void>;
  /** Problems the page reported: CSP violations, uncaught errors, failed requests (5xx). */
  problems: string[];
  /** Runs the journey; on failure, a screenshot of the page as it was (NN-failure.png). */
  run: (steps: () => Promise<void>) => Promise<void>;
}

/** The screen desktop journeys run on. */
export const DESKTOP = { width: 1280, height: 860 };
/** The phone every page is also checked on (`Journey.check`), and phone journeys run on. */
export const PHONE = { width: 360, height: 740 };

export async function openJourney(
  console_: Console,
  spec: string,
  viewport = DESKTOP,
): Promise<Journey> {
  // The app's CSP stays in force (no bypassCSP): the console must work under it. axe is evaluated
  // through the DevTools protocol, which the page's CSP does not govern.
  const context = await console_.browser.newContext({
    baseURL: console_.baseUrl,
    viewport,
    locale: 'id-ID',
  });
  // Counts the transitions and animations that start, for settle() and inspect() below.
  await context.addInitScript(() => {
    const counted = globalThis as unknown as Motion & { document: EventTarget };
    counted.motions = 0;
    const count = (): void => {
      counted.motions++;
    };
    counted.document.addEventListener('transitionstart', count, true);
    counted.document.addEventListener('animationstart', count, true);
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) {
      problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    }
  });
  const dir = join(OUTPUT_DIR, spec);
  mkdirSync(dir, { recursive: true });
  let shot = 0;
  /** Waits for a still page; resolves with its count of motions then. */
  const settle = async (): Promise<number> => {
    await page.waitForLoadState('networkidle');
    // A dialog or notice fading in or out is half transparent: axe would measure its contrast
    // mid-way. Wait until nothing has moved for QUIET_MS: no transition or animation running
    // (endless ones aside) and none started (a notice may sit a frame between two transitions).
    // (A function, not a string: the app's CSP forbids evaluating strings.)
    const still = await page.waitForFunction(
      (quietMs) => {
        const g = globalThis as unknown as Motion & {
          document: { getAnimations(): Animation[] };
          performance: { now(): number };
        };
        const moving = g.document
          .getAnimations()
          .some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
        const now = g.performance.now();
        if (moving || g.motions !== g.motionsSeen) {
          g.motionsSeen = g.motions;
          g.stillSince = now;
        }
        return now - (g.stillSince ?? now) >= quietMs ? { motions: g.motions } : null;
      },
      QUIET_MS,
      { polling: 50 },
    );
    return ((await still.jsonValue()) as { motions: number }).motions;
  };
  const motions = (): Promise<number> =>
    page.evaluate(() => (globalThis as unknown as Motion).motions);
  const inspect = async (name: string): Promise<void> => {
    // A notice that begins to close by itself while axe runs is measured as it fades: when
    // anything started moving after the page was still, it is measured again.
    let violations: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const still = await settle();
      violations = await axeViolations(page);
      if ((await motions()) === still) {
        break;
      }
    }
    await page.screenshot({
      path: join(dir, `${String(++shot).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
    expect({
      page: name,
      violations,
      clipped: await clippedControls(page),
      widerThanScreen: await widerThanScreen(page),
      captionsOffScreen: await captionsOffScreen(page),
    }).toEqual({
      page: name,
      violations: [],
      clipped: [],
      widerThanScreen: 0,
      captionsOffScreen: [],
    });
  };
  const check = async (name: string): Promise<void> => {
    await inspect(name);
    // Every page checked on a wider screen is checked on a phone as well, as it is at that moment.
    const size = page.viewportSize();
    if (size && size.width > PHONE.width) {
      await page.setViewportSize(PHONE);
      await inspect(`${name}-phone`);
      await page.setViewportSize(size);
    }
    // Notices still open are closed once checked, as a user closes them: one that appeared under
    // the resting pointer stays open (Mantine pauses it while hovered) and covers what is next.
    // Each one closed is waited for (5 s), and no more are closed than were open: a notice that
    // kept coming back would fail the check here, by name, rather than at the test's timeout.
    const closers = page.locator(NOTICE_CLOSE);
    const opened = await closers.count();
    for (let open = opened, closed = 0; open > 0; open = await closers.count(), closed++) {
      if (closed === opened)
        throw new Error(`${name}: a notice is still open after closing all ${opened}`);
      // (it may close by itself meanwhile: then there is nothing to click)
      await closers
        .first()
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await page.waitForFunction(
        ([selector, before]) =>
          (
            globalThis as unknown as {
              document: { querySelectorAll(selector: string): { length: number } };
            }
          ).document.querySelectorAll(selector).length < before,
        [NOTICE_CLOSE, open] as const,
        { timeout: 5_000 },
      );
    }
  };
  const run = async (steps: () => Promise<void>): Promise<void> => {
    try {
      await steps();
      expect(problems).toEqual([]);
    } catch (error) {
      await page
        .screenshot({
          path: join(dir, `${String(++shot).padStart(2, '0')}-failure.png`),
          fullPage: true,
        })
        .catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  };
  return { page, context, check, problems, run };
}

/**
 * The buttons, links, badges and segmented controls whose text is cut off: a box (the control or
 * a part of it) that hides what overflows it and is narrower than its content ("Tutup" squeezed
 * to "Tutu" by its neighbours in a table cell, "EN" by a long role name in a phone's header).
 * Visually hidden text (a box of 1 px) is meant to be so.
 */
async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    interface Box {
      clientWidth: number;
      scrollWidth: number;
      tagName: string;
      textContent: string | null;
    }
    const page = globalThis as unknown as {
      document: { querySelectorAll(selector: string): ArrayLike<Box> };
      getComputedStyle(box: Box): { overflowX: string };
    };
    const { document } = page;
    const controls = document.querySelectorAll(
      [
        'button, [role="button"], a, .mantine-Badge-root, .mantine-SegmentedControl-root',
        'button *, [role="button"] *, a *, .mantine-Badge-root *, .mantine-SegmentedControl-root *',
      ].join(', '),
    );
    const clipped: string[] = [];
    for (const box of Array.from(controls)) {
      if (box.clientWidth <= 1 || box.scrollWidth <= box.clientWidth + 1) continue;
      const overflow = page.getComputedStyle(box).overflowX;
      if (overflow !== 'hidden' && overflow !== 'clip') continue;
      clipped.push(`${box.tagName.toLowerCase()} "${(box.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return clipped;
  });
}

/**
 * How many pixels the page is wider than the window (0 when it fits): on a phone a page must
 * not scroll sideways; a wide table scrolls inside its own container instead.
 */
async function widerThanScreen(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number } };
      innerWidth: number;
    };
    return Math.max(0, document.documentElement.scrollWidth - innerWidth);
  });
}

/**
 * The table captions whose text runs past either side of the window, as it is scrolled now: on
 * a phone a caption centred under a wide table sat beyond the screen's edge.
 */
async function captionsOffScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    interface Rect {
      left: number;
      right: number;
      width: number;
    }
    const { document, innerWidth } = globalThis as unknown as {
      document: {
        querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
        createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): Rect };
      };
      innerWidth: number;
    };
    const off: string[] = [];
    for (const caption of Array.from(document.querySelectorAll('caption'))) {
      const range = document.createRange();
      range.selectNodeContents(caption);
      const text = range.getBoundingClientRect();
      if (text.width > 0 && (text.left < 0 || text.right > innerWidth)) {
        off.push(
          `"${(caption.textContent ?? '').trim().slice(0, 40)}" at ${Math.round(text.left)}–${Math.round(text.right)}`,
        );
      }
    }
    return off;
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page: axe and document are the page's, not Node's.
  const result = await page.evaluate<AxeResult>(
    "axe.run(document, { resultTypes: ['violations'] })",
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

export async function signIn(page: Page, login: Login): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Kata sandi').fill(login.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
}

/** Polls until `read` gives `expected` (or times out with the last value it saw). */
export async function until<T>(
  read: () => Promise<T>,
  expected: T,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/** A select of the kit, by its label: an ARIA combobox (or a plain textbox when searchable). */
export function choose(page: Page | Locator, label: string): Locator {
  return page
    .getByRole('combobox', { name: label })
    .or(page.getByRole('textbox', { name: label }))
    .first();
}
