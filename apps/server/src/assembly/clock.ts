/**
 * The server's clock. Production uses the system clock; a test clock (GONGZHI_TEST_CLOCK) starts
 * at a given instant, runs on from there, and can be moved forward, so that a browser test can
 * publish a notice and vote "15 days later" in one run. The test clock is never on by default.
 */
export interface Clock {
  now(): Date;
  readonly controllable: boolean;
  /** moves a test clock forward; throws on the system clock */
  advance(ms: number): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
  controllable: false,
  advance() {
    throw new Error('the system clock cannot be moved');
  },
};

export class TestClock implements Clock {
  readonly controllable = true;
  private offset: number;
  constructor(start: Date) {
    this.offset = start.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): Date {
    if (!(ms >= 0)) throw new Error('a test clock only moves forward');
    this.offset += ms;
    return this.now();
  }
}
