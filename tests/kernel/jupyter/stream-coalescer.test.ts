import { describe, expect, it } from 'vitest';
import { COALESCE, StreamCoalescer } from '../../../kernel/jupyter/stream-coalescer';

describe('stream coalescing', () => {
  it('batches many small writes into one message on flush', () => {
    const sent: [string, string][] = [];
    const c = new StreamCoalescer((n, t) => sent.push([n, t]));
    for (let i = 0; i < 1000; i++) c.write('stdout', `${i}\n`);
    expect(sent).toHaveLength(0);
    c.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0][1].split('\n')).toHaveLength(1001);
  });

  it('sends at once when 64 KiB are waiting', () => {
    const sent: string[] = [];
    const c = new StreamCoalescer((_n, t) => sent.push(t));
    c.write('stdout', 'x'.repeat(COALESCE.maxChars));
    expect(sent).toEqual(['x'.repeat(COALESCE.maxChars)]);
  });

  it('keeps stdout and stderr in the order they were written', () => {
    const sent: string[] = [];
    const c = new StreamCoalescer((n, t) => sent.push(`${n}:${t}`));
    c.write('stdout', 'a');
    c.write('stdout', 'b');
    c.write('stderr', 'c');
    c.write('stdout', 'd');
    c.flush();
    expect(sent).toEqual(['stdout:ab', 'stderr:c', 'stdout:d']);
  });

  it('flushes by itself after the delay', async () => {
    const sent: string[] = [];
    const c = new StreamCoalescer((_n, t) => sent.push(t));
    c.write('stderr', 'late');
    await new Promise((r) => setTimeout(r, COALESCE.delayMs + 50));
    expect(sent).toEqual(['late']);
  });
});
