// What a pull dropped, changed or assumed: counted per topic with a few examples, so
// that a workspace with 10,000 dropped subscriptions still gives a short report.
import type { PullNote } from './types';

const EXAMPLES = 5;

export class Notes {
  private readonly byTopic = new Map<string, { count: number; examples: string[] }>();

  add(topic: string, example?: string): void {
    let note = this.byTopic.get(topic);
    if (!note) this.byTopic.set(topic, (note = { count: 0, examples: [] }));
    note.count++;
    if (example !== undefined && note.examples.length < EXAMPLES && !note.examples.includes(example)) note.examples.push(example);
  }

  list(): PullNote[] {
    return [...this.byTopic].map(([topic, { count, examples }]) => ({ topic, count, examples }));
  }
}

/** `3 × topic (e.g. a, b, c)`. */
export function noteLine(note: PullNote): string {
  const examples = note.examples.length ? ` (${note.count > note.examples.length ? 'e.g. ' : ''}${note.examples.join(', ')})` : '';
  return `${note.count} × ${note.topic}${examples}`;
}

/** The file's `description`: where and when it was pulled, the readings assumed, what was dropped or changed. */
export function describePull(origin: string, asOf: string, assumed: readonly string[], notes: readonly PullNote[]): string {
  const parts = [`Pulled from ${origin} at ${asOf} by \`sealcheck pull\`.`];
  parts.push(`Readings assumed: ${assumed.join(' ')}`);
  parts.push(notes.length ? `Dropped or changed: ${notes.map(noteLine).join('; ')}.` : 'Nothing was dropped or changed.');
  return parts.join(' ');
}

/** A description written by pull starts so; `--keep` replaces such a description and keeps any other. */
export const PULLED_PREFIX = 'Pulled from ';
