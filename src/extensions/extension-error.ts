/** A boot-time refusal naming the extension at fault; the server does not start. */
export class ExtensionError extends Error {
  constructor(
    readonly extension: string,
    problem: string,
  ) {
    super(`Extension "${extension}": ${problem}`);
    this.name = 'ExtensionError';
  }
}
