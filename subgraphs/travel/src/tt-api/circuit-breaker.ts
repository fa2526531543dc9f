/**
 * Circuit breaker for the TT-API integration.
 *
 * Why not cockatiel's CircuitBreakerPolicy: its half-open state closes on the first successful
 * trial (an IBreaker is not consulted there), so "close after 2 consecutive successes" cannot be
 * expressed, and its half-open timer reads `Date.now()` directly, so tests would have to sleep
 * 30 s. This small state machine implements the Nexus rules exactly (DR-06 / I-01):
 *
 * - closed: calls pass; a failure is remembered with its time. When `failureThreshold` failures
 *   fall inside the last `windowMs`, the circuit opens. Older failures are forgotten; successes
 *   do not erase failures (it is a time window, not a consecutive count).
 * - open: every call is refused at once. After `resetTimeoutMs` it becomes half-open.
 * - half-open: one trial call at a time is let through (others are refused). A failure reopens
 *   the circuit (and restarts the reset timer); `successThreshold` consecutive successes close it.
 *
 * Callers classify outcomes: only upstream faults (network errors, timeouts, 5xx, malformed
 * answers) are failures. A 4xx is a healthy upstream telling us our request was wrong, so it is
 * recorded as a success.
 *
 * Time comes from an injectable `Clock`, timers included, so tests drive it with `advance()`.
 */

export const BreakerState = { Closed: 'closed', Open: 'open', HalfOpen: 'half_open' } as const;
export type BreakerState = (typeof BreakerState)[keyof typeof BreakerState];

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = (() => {
  // Handles are plain numbers so the Clock interface stays runtime-agnostic.
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    setTimeout: (fn: () => void, ms: number) => {
      const id = nextId++;
      const t = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      // The breaker must never keep a process alive on its own.
      t.unref();
      timers.set(id, t);
      return id;
    },
    clearTimeout: (handle: unknown) => {
      if (typeof handle !== 'number') return;
      clearTimeout(timers.get(handle));
      timers.delete(handle);
    },
  };
})();

export interface ManualClock extends Clock {
  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void;
}

/** A clock that only moves when told to: for tests of time-based behaviour without sleeping. */
export function createManualClock(startMs = 0): ManualClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') timers.delete(handle);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let dueId: number | undefined;
        let dueAt = Infinity;
        for (const [id, t] of timers) {
          if (t.at <= target && t.at < dueAt) {
            dueAt = t.at;
            dueId = id;
          }
        }
        if (dueId === undefined) break;
        const timer = timers.get(dueId);
        timers.delete(dueId);
        now = dueAt;
        timer?.fn();
      }
      now = target;
    },
  };
}

export interface CircuitBreakerOptions {
  /** Failures within `windowMs` that open the circuit. */
  failureThreshold: number;
  windowMs: number;
  /** How long the circuit stays open before letting a trial through. */
  resetTimeoutMs: number;
  /** Consecutive half-open successes that close the circuit. */
  successThreshold: number;
}

export const DEFAULT_BREAKER_OPTIONS: CircuitBreakerOptions = {
  failureThreshold: 5,
  windowMs: 30_000,
  resetTimeoutMs: 30_000,
  successThreshold: 2,
};

export interface BreakerSnapshot {
  name: string;
  state: BreakerState;
  /** Failures currently inside the window (closed state only; 0 otherwise). */
  failuresInWindow: number;
  /** Consecutive successful trials so far (half-open state only). */
  halfOpenSuccesses: number;
  /** Epoch ms of the last state change (creation time until the first change). */
  lastChangedAt: number;
  openedAt: number | null;
  /** Epoch ms from which a trial is let through (open state only). */
  nextAttemptAt: number | null;
  totals: { successes: number; failures: number; rejections: number; opened: number };
  options: CircuitBreakerOptions;
}

export interface BreakerStateChange {
  name: string;
  from: BreakerState;
  to: BreakerState;
  /** Epoch ms, from the breaker's clock. */
  at: number;
  reason: string;
  snapshot: BreakerSnapshot;
}

export type BreakerListener = (change: BreakerStateChange) => void;

/** Thrown by `acquire()` while the circuit refuses calls. */
export class BrokenCircuitError extends Error {
  readonly breakerName: string;
  readonly state: BreakerState;
  /** Epoch ms when a trial will be allowed, if known. */
  readonly retryAt: number | null;
  constructor(breakerName: string, state: BreakerState, retryAt: number | null) {
    super(
      state === BreakerState.Open
        ? `${breakerName} circuit is open; calls fail fast until ${retryAt === null ? 'the reset timeout' : new Date(retryAt).toISOString()}.`
        : `${breakerName} circuit is open (half-open, trial call in progress); calls fail fast.`,
    );
    this.name = 'BrokenCircuitError';
    this.breakerName = breakerName;
    this.state = state;
    this.retryAt = retryAt;
  }
}

/** Proof that a call was admitted; results are only counted for the state they were admitted in. */
export interface BreakerPermit {
  readonly generation: number;
  readonly trial: boolean;
}

export class CircuitBreaker {
  readonly name: string;
  readonly options: CircuitBreakerOptions;
  readonly #clock: Clock;
  readonly #listeners = new Set<BreakerListener>();
  #state: BreakerState = BreakerState.Closed;
  /** Bumped on every transition so late results of calls admitted earlier are ignored. */
  #generation = 0;
  #failures: number[] = [];
  #halfOpenSuccesses = 0;
  #trialInFlight = false;
  #lastChangedAt: number;
  #openedAt: number | null = null;
  #nextAttemptAt: number | null = null;
  #timer: unknown = null;
  #totals = { successes: 0, failures: 0, rejections: 0, opened: 0 };

  constructor(name: string, options: Partial<CircuitBreakerOptions> = {}, clock: Clock = systemClock) {
    this.name = name;
    this.options = { ...DEFAULT_BREAKER_OPTIONS, ...options };
    this.#clock = clock;
    this.#lastChangedAt = clock.now();
  }

  get state(): BreakerState {
    this.#promoteIfDue();
    return this.#state;
  }

  snapshot(): BreakerSnapshot {
    this.#promoteIfDue();
    this.#pruneFailures();
    return {
      name: this.name,
      state: this.#state,
      failuresInWindow: this.#state === BreakerState.Closed ? this.#failures.length : 0,
      halfOpenSuccesses: this.#halfOpenSuccesses,
      lastChangedAt: this.#lastChangedAt,
      openedAt: this.#openedAt,
      nextAttemptAt: this.#nextAttemptAt,
      totals: { ...this.#totals },
      options: { ...this.options },
    };
  }

  /** Subscribes to every state change; returns the unsubscribe function. */
  onStateChange(listener: BreakerListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Admits a call or throws BrokenCircuitError. Every permit must be settled exactly once. */
  acquire(): BreakerPermit {
    this.#promoteIfDue();
    if (this.#state === BreakerState.Open) {
      this.#totals.rejections++;
      throw new BrokenCircuitError(this.name, this.#state, this.#nextAttemptAt);
    }
    if (this.#state === BreakerState.HalfOpen) {
      if (this.#trialInFlight) {
        this.#totals.rejections++;
        throw new BrokenCircuitError(this.name, this.#state, null);
      }
      this.#trialInFlight = true;
      return { generation: this.#generation, trial: true };
    }
    return { generation: this.#generation, trial: false };
  }

  success(permit: BreakerPermit): void {
    this.#totals.successes++;
    if (permit.generation !== this.#generation) return;
    if (permit.trial && this.#state === BreakerState.HalfOpen) {
      this.#trialInFlight = false;
      this.#halfOpenSuccesses++;
      if (this.#halfOpenSuccesses >= this.options.successThreshold) {
        this.#transition(BreakerState.Closed, `${this.#halfOpenSuccesses} consecutive successful trial calls`);
      }
    }
  }

  failure(permit: BreakerPermit): void {
    this.#totals.failures++;
    if (permit.generation !== this.#generation) return;
    if (permit.trial && this.#state === BreakerState.HalfOpen) {
      this.#trialInFlight = false;
      this.#open('trial call failed while half-open');
      return;
    }
    if (this.#state !== BreakerState.Closed) return;
    this.#failures.push(this.#clock.now());
    this.#pruneFailures();
    if (this.#failures.length >= this.options.failureThreshold) {
      this.#open(`${this.#failures.length} failures within ${this.options.windowMs} ms`);
    }
  }

  /** Settles a permit without counting it (the call was abandoned before any outcome). */
  release(permit: BreakerPermit): void {
    if (permit.generation === this.#generation && permit.trial) this.#trialInFlight = false;
  }

  /** Forces the circuit closed (operator action, tests). */
  reset(): void {
    if (this.#state !== BreakerState.Closed) this.#transition(BreakerState.Closed, 'manual reset');
    this.#failures = [];
  }

  #pruneFailures(): void {
    const cutoff = this.#clock.now() - this.options.windowMs;
    // Strictly inside the window: a failure exactly windowMs old has left it.
    this.#failures = this.#failures.filter((t) => t > cutoff);
  }

  #promoteIfDue(): void {
    if (
      this.#state === BreakerState.Open &&
      this.#nextAttemptAt !== null &&
      this.#clock.now() >= this.#nextAttemptAt
    ) {
      this.#transition(BreakerState.HalfOpen, `reset timeout of ${this.options.resetTimeoutMs} ms elapsed`);
    }
  }

  #open(reason: string): void {
    this.#totals.opened++;
    this.#transition(BreakerState.Open, reason);
  }

  #transition(to: BreakerState, reason: string): void {
    const from = this.#state;
    const now = this.#clock.now();
    this.#state = to;
    this.#generation++;
    this.#lastChangedAt = now;
    this.#failures = [];
    this.#halfOpenSuccesses = 0;
    this.#trialInFlight = false;
    if (this.#timer !== null) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (to === BreakerState.Open) {
      this.#openedAt = now;
      this.#nextAttemptAt = now + this.options.resetTimeoutMs;
      // Eager half-open so subscribers hear about it without waiting for the next call.
      this.#timer = this.#clock.setTimeout(() => {
        this.#timer = null;
        this.#promoteIfDue();
      }, this.options.resetTimeoutMs);
    } else {
      this.#nextAttemptAt = null;
      if (to === BreakerState.Closed) this.#openedAt = null;
    }
    const change: BreakerStateChange = { name: this.name, from, to, at: now, reason, snapshot: this.snapshot() };
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // A faulty subscriber must not break upstream calls.
      }
    }
  }
}
