/**
 * node:test reporter that prints only the run summary as `# tests N`, `# pass N`, `# fail N`, …
 * (the TAP form CI tools look for), after the human-readable spec reporter's output.
 */

interface DiagnosticEvent {
  type: string;
  data?: { message?: unknown; nesting?: unknown };
}

const SUMMARY = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /;

export default async function* summaryReporter(source: AsyncIterable<DiagnosticEvent>): AsyncGenerator<string> {
  const lines: string[] = [];
  for await (const event of source) {
    const message = event.data?.message;
    if (
      event.type === 'test:diagnostic' &&
      event.data?.nesting === 0 &&
      typeof message === 'string' &&
      SUMMARY.test(message)
    ) {
      lines.push(`# ${message}\n`);
    }
  }
  yield* lines;
}
