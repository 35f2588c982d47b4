/**
 * Writes the server has already acknowledged but holds back for a moment to batch them (the
 * agents module's liveness write-behind). Every operator request and every metrics scrape passes
 * this barrier first, so what the server answered is what every read shows (docs/agents.md,
 * "Heartbeat"). The agents module binds it; agent routes never wait on it.
 */
export abstract class ReadBarrier {
  /** Resolves once every write acknowledged so far is stored (cheap when nothing is waiting). */
  abstract settle(): Promise<void>;
}
