/**
 * Request ids. One sequence serves every kind of request, so an id names one request; each
 * kind remembers its newest id, and replies to anything older are stale (the user has typed
 * since) and are ignored.
 */
let sequence = 0;

export class LatestRequest {
  private latest = -1;

  next(): number {
    this.latest = ++sequence;
    return this.latest;
  }

  isLatest(id: number | undefined): boolean {
    return id === this.latest;
  }
}
