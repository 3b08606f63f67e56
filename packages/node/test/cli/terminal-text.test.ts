import { describe, expect, it } from 'vitest';
import { hasUnsafeCharacters, MAX_TERMINAL_TEXT, terminalJson, terminalText } from '../../src/cli/terminal-text.ts';

describe('terminalText', () => {
  it('leaves ordinary text alone', () => {
    expect(terminalText('task-unified-1757165031-uyujaw3d')).toBe('task-unified-1757165031-uyujaw3d');
    expect(terminalText('https://storage.vidgo.ai/generated/image-abc123.jpg?X-Signature=a%2Fb')).toBe(
      'https://storage.vidgo.ai/generated/image-abc123.jpg?X-Signature=a%2Fb',
    );
    expect(terminalText('Café — 日本語 🦊')).toBe('Café — 日本語 🦊');
  });

  it.each([
    ['\x1b[2Jcleared', '\\u001b[2Jcleared'],
    ['\x1b]52;c;ZWNobyBoaQ==\x07', '\\u001b]52;c;ZWNobyBoaQ==\\u0007'],
    [
      '\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\',
      '\\u001b]8;;https://evil.example\\u001b\\link\\u001b]8;;\\u001b\\',
    ],
    ['\x1b[1A\x1b[Kover', '\\u001b[1A\\u001b[Kover'],
    ['ok\bno', 'ok\\u0008no'],
    ['del\x7f', 'del\\u007f'],
    ['\u009b2J c1 csi', '\\u009b2J c1 csi'],
    ['\u009d0;title\u009c', '\\u009d0;title\\u009c'],
    ['invoice\u202eexe.pdf', 'invoice\\u202eexe.pdf'],
    ['\u2066isolated\u2069', '\\u2066isolated\\u2069'],
    ['zero\u200bwidth\ufeff', 'zero\\u200bwidth\\ufeff'],
    ['tag\u{e0041}', 'tag\\u{e0041}'],
    ['lone \ud800 surrogate', 'lone \\ud800 surrogate'],
    ['nul\0', 'nul\\u0000'],
  ])('escapes %j', (input, output) => {
    expect(terminalText(input)).toBe(output);
    expect(hasUnsafeCharacters(terminalText(input))).toBe(false);
  });

  it('turns line breaks, carriage returns and tabs into one space', () => {
    expect(terminalText('The prompt\nviolates\r\nour\tcontent\rpolicy\u2028.\n')).toBe(
      'The prompt violates our content policy .',
    );
    expect(terminalText('100%\rfinished')).toBe('100% finished');
  });

  it('cuts absurdly long text, saying how much is left out', () => {
    const text = terminalText('x'.repeat(1_000_000));
    expect(text).toHaveLength(MAX_TERMINAL_TEXT + ' (995904 more characters)'.length + 1);
    expect(text.endsWith('… (995904 more characters)')).toBe(true);
    expect(terminalText('🦊🦊🦊', 3)).toBe('🦊… (4 more characters)');
  });

  it('takes any value', () => {
    expect(terminalText(null)).toBe('null');
    expect(terminalText(42)).toBe('42');
  });
});

describe('terminalJson', () => {
  it('is the same JSON, without a raw control, C1 or bidi character', () => {
    const value = { error_message: 'a\x1b[2J\u009b\u202e\x7f\u2028b', file_url: 'https://x/\u{e0041}', progress: 45 };
    const json = terminalJson(value);
    expect(JSON.parse(json)).toEqual(value);
    expect(hasUnsafeCharacters(json)).toBe(false);
    expect(json).toContain('\\u001b[2J\\u009b\\u202e\\u007f\\u2028b');
  });
});
