import { canonicalJson } from '../../src/render/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys by code units (integer-like keys too), indents by two and keeps the empty-bracket layout', () => {
    const value = { b: {}, a: [], '9': [undefined, null], '10': { x: undefined, y: '"\n' } };
    expect(canonicalJson(value)).toBe(
      ['{', '  "10": {', '    "y": "\\"\\n"', '  },', '  "9": [', '    null,', '    null', '  ],', '  "a": [', '  ],', '  "b": {', '  }', '}'].join('\n'),
    );
  });

  it('writes scalars as JSON does', () => {
    expect(canonicalJson({ n: 1.5e-7, t: true, s: '\u2028', z: null })).toBe('{\n  "n": 1.5e-7,\n  "s": "\u2028",\n  "t": true,\n  "z": null\n}');
    expect(canonicalJson('x')).toBe('"x"');
  });
});
