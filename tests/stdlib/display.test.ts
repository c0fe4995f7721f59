import { describe, expect, it } from 'vitest';
import { bundleOf, display, mimeBundle, MimeBundle, setDisplaySink, toMimeBundle, updateDisplay } from '../../stdlib/display';

describe('the rich display protocol', () => {
  it('uses an object\'s own bundle and adds text/plain when it has none', () => {
    const obj = { [mimeBundle]: () => ({ 'text/html': '<i>x</i>' }) };
    const b = toMimeBundle(obj);
    expect(b['text/html']).toBe('<i>x</i>');
    expect(typeof b['text/plain']).toBe('string');
  });

  it('shows plain values as util.inspect does (bigints stay decimal)', () => {
    expect(toMimeBundle(255n)).toEqual({ 'text/plain': '255n' });
    expect(toMimeBundle('s')).toEqual({ 'text/plain': "'s'" });
    expect(toMimeBundle({ a: [1, 2] })).toEqual({ 'text/plain': '{ a: [ 1, 2 ] }' });
  });

  it('sends display and updateDisplay to the installed sink with one display id', () => {
    const seen: [string, MimeBundle, string | undefined][] = [];
    setDisplaySink({ display: (b, id) => seen.push(['display', b, id]), update: (b, id) => seen.push(['update', b, id]) });
    try {
      const id = display(bundleOf({ 'image/svg+xml': '<svg/>' }));
      updateDisplay(id, 'done');
      expect(seen).toEqual([['display', { 'image/svg+xml': '<svg/>', 'text/plain': expect.any(String) }, id], ['update', { 'text/plain': "'done'" }, id]]);
    } finally {
      setDisplaySink(undefined);
    }
  });

  it('degrades to text on stdout outside a notebook', () => {
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => { written.push(s); return true; }) as typeof process.stdout.write;
    try {
      const id = display(bundleOf({ 'text/html': '<b>x</b>', 'text/plain': 'x' }));
      updateDisplay(id, 42);
    } finally {
      process.stdout.write = write;
    }
    expect(written).toEqual(['x\n', '42\n']);
  });
});
