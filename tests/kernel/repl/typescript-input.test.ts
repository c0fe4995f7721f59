import { describe, expect, it } from 'vitest';
import { transpileReplInput } from '../../../kernel/repl/typescript-input';

describe('REPL input is TypeScript', () => {
  it('types are erased and top-level await is left for Node to wrap', () => {
    expect(transpileReplInput('const a: number = await f(1)\n')).toEqual({ kind: 'js', code: 'const a = await f(1);\n' });
    expect(transpileReplInput('interface P { x: number }\nconst p = <P>{ x: 1 }\n')).toEqual({ kind: 'js', code: 'const p = { x: 1 };\n' });
  });

  it('imports become var bindings from require, so importing again is harmless', () => {
    const r = transpileReplInput("import { readFileSync as rf, type Stats } from 'node:fs'; import * as p from 'node:path'; import d from 'x'\n");
    expect(r.kind).toBe('js');
    const code = (r as { code: string }).code;
    expect(code).toContain('var { readFileSync: rf } = require("node:fs");');
    expect(code).toContain('var p = require("node:path");');
    expect(code).toContain('var d = ((m) => m && m.__esModule ? m.default : m)(require("x"));');
    expect(transpileReplInput("import type { X } from 'y'\n")).toEqual({ kind: 'js', code: '' });
  });

  it('an object literal alone is an expression, as in Node', () => {
    expect(transpileReplInput('{ a: 1 }\n')).toEqual({ kind: 'js', code: '({ a: 1 });\n' });
    expect(transpileReplInput('{ let a = 1; a++; }\n').kind).toBe('js');
  });

  it('input that ends early asks for more lines', () => {
    expect(transpileReplInput('function f(x: number) {\n').kind).toBe('incomplete');
    expect(transpileReplInput('m.cpu.\n').kind).toBe('incomplete');
    expect(transpileReplInput('`abc\n').kind).toBe('incomplete');
  });

  it('a syntax error says what and where', () => {
    expect(transpileReplInput('let x = 1 +* 2\n')).toEqual({ kind: 'error', message: 'Expression expected. (line 1, column 12)' });
    expect(transpileReplInput("'abc\n").kind).toBe('error');
  });
});
