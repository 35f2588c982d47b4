import { createTestApp, FixedClock, type TestApp, type TestAppOptions } from './create-test-app';
import { loginAs, type AdminClient } from './http';

export interface AppPerTest {
  readonly t: TestApp;
  readonly admin: AdminClient;
  readonly clock: FixedClock;
}

/**
 * A fresh app for every test of the calling `describe`, on a FixedClock that starts at the real
 * time, with the owner logged in. Read the fields inside tests (they change per test).
 */
export function appPerTest(options: Omit<TestAppOptions, 'clock'> = {}): AppPerTest {
  let current: AppPerTest | undefined;
  beforeEach(async () => {
    const clock = new FixedClock(new Date());
    const t = await createTestApp({ ...options, clock });
    current = { t, clock, admin: await loginAs(t.server) };
  });
  afterEach(async () => {
    await current?.t.close();
    current = undefined;
  });
  const get = (): AppPerTest => {
    if (!current) throw new Error('appPerTest: read the app inside a test');
    return current;
  };
  return {
    get t() {
      return get().t;
    },
    get admin() {
      return get().admin;
    },
    get clock() {
      return get().clock;
    },
  };
}
