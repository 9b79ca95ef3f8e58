import type { StoredEvent, StreamKind } from './stream-kinds.ts';

/** Work waiting for one subscription beyond this means the client cannot keep up. */
export const MAX_QUEUED_PER_SUBSCRIPTION = 1000;

export interface SubscriptionOwner {
  /** Sends the event if the subscriber may still receive it (session and authorization checked again). */
  deliver(subscription: Subscription, event: StoredEvent): Promise<void>;
  tooSlow(): void;
  failed(error: unknown): void;
}

/**
 * One socket following one stream. Everything sent on it — the `subscribed` frame, the replay, then live
 * events — runs through one queue, in order: live events that arrive during the replay simply wait behind it,
 * and `lastSent` drops anything already sent, so nothing is duplicated or reordered.
 */
export class Subscription {
  readonly stream: string;
  readonly streamId: string;
  readonly kind: StreamKind;
  /** The seq of the last event sent (or skipped as not authorized); later events only. */
  lastSent = 0;
  cancelled = false;
  readonly #owner: SubscriptionOwner;
  #chain: Promise<void> = Promise.resolve();
  #queued = 0;

  constructor(stream: string, resolved: { kind: StreamKind; id: string }, owner: SubscriptionOwner) {
    this.stream = stream;
    this.streamId = resolved.id;
    this.kind = resolved.kind;
    this.#owner = owner;
  }

  enqueue(task: () => Promise<void> | void): void {
    if (this.cancelled) return;
    if (this.#queued >= MAX_QUEUED_PER_SUBSCRIPTION) {
      this.#owner.tooSlow();
      return;
    }
    this.#queued += 1;
    this.#chain = this.#chain
      .then(async () => {
        if (!this.cancelled) await task();
      })
      .catch((error: unknown) => this.#owner.failed(error))
      .finally(() => {
        this.#queued -= 1;
      });
  }

  /** A live event from the hub's feed (always in seq order). */
  offer(event: StoredEvent): void {
    this.enqueue(() => this.#owner.deliver(this, event));
  }

  cancel(): void {
    this.cancelled = true;
  }

  /** Resolves when the queue has run out (after cancel: at once, once the running task ends). */
  idle(): Promise<void> {
    return this.#chain;
  }
}
