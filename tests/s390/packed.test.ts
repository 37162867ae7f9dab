// Packed-decimal helpers (s390/packed.ts), rules from the PoO chapter
// "Decimal Instructions" (GA22-7000, SA22-7201).
import { describe, expect, it } from 'vitest';
import {
  addPacked,
  binaryToPacked,
  comparePacked,
  decodePacked,
  dividePacked,
  editPattern,
  encodePacked,
  hasRoomForProduct,
  isValidPacked,
  multiplyPacked,
  negate,
  packedToBinary,
  packZoned,
  PackedZero,
  shiftAndRoundPacked,
  unpackToZoned,
  type Packed,
} from '../../s390/packed.js';

/** 'F1 F2 C3' → bytes. */
function bytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

function hexOf(data: Uint8Array): string {
  return Array.from(data, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

function decoded(hex: string): Packed {
  const value = decodePacked(bytes(hex));
  if (!value) throw new Error(`test operand ${hex} is not valid packed decimal`);
  return value;
}

describe('validity of packed operands', () => {
  it.each([
    ['12 3C', true, 'plus sign C'],
    ['12 3A', true, 'plus sign A'],
    ['12 3E', true, 'plus sign E'],
    ['12 3F', true, 'plus sign F'],
    ['12 3B', true, 'minus sign B'],
    ['12 3D', true, 'minus sign D'],
    ['12 39', false, 'digit 9 in the sign position'],
    ['12 30', false, 'digit 0 in the sign position'],
    ['1A 3C', false, 'A in a right digit position'],
    ['F2 3C', false, 'F in a left digit position'],
    ['12 FC', false, 'F in the digit half of the sign byte'],
    ['0C', true, 'one-byte zero'],
  ])('%s is %s (%s)', (hex, valid) => {
    expect(isValidPacked(bytes(hex))).toBe(valid);
    expect(decodePacked(bytes(hex)) !== undefined).toBe(valid);
  });

  it('B and D decode as minus, A C E F as plus', () => {
    expect(['5A', '5C', '5E', '5F'].map((h) => decoded(h).negative)).toEqual([false, false, false, false]);
    expect(['5B', '5D'].map((h) => decoded(h).negative)).toEqual([true, true]);
  });
});

describe('decode and encode', () => {
  it('decodes a 31-digit (16-byte) operand exactly', () => {
    const value = decoded('98 76 54 32 10 98 76 54 32 10 98 76 54 32 10 9D');
    expect(value).toEqual({ magnitude: 9876543210987654321098765432109n, negative: true });
  });

  it('decodes the 15-digit (8-byte) maximum exactly', () => {
    expect(decoded('99 99 99 99 99 99 99 9C').magnitude).toBe(999999999999999n);
  });

  it.each([
    [{ magnitude: 12345n, negative: false }, 3, '12 34 5C'],
    [{ magnitude: 12345n, negative: true }, 4, '00 12 34 5D'],
    [{ magnitude: 12345n, negative: false }, 2, '34 5C'],
    [{ magnitude: 0n, negative: true }, 2, '00 0D'],
    [
      { magnitude: 9876543210987654321098765432109n, negative: false },
      16,
      '98 76 54 32 10 98 76 54 32 10 98 76 54 32 10 9C',
    ],
    [{ magnitude: 9876543210987654321098765432109n, negative: false }, 9, '54 32 10 98 76 54 32 10 9C'],
  ])('encodes %o in %i bytes as %s with the preferred sign, dropping digits on the left', (value, length, hex) => {
    expect(hexOf(encodePacked(value, length))).toBe(hex);
  });
});

describe('addPacked (AP, SP, ZAP)', () => {
  it.each([
    ['00 12 3C', '87 7C', 3, '01 00 0C', 2],
    ['5D', '3C', 1, '2D', 1],
    ['5D', '5C', 2, '00 0C', 0],
    ['99 9C', '1C', 2, '00 0C', 3],
    ['99 9D', '1D', 2, '00 0D', 3],
    ['12 34 56 7C', '1C', 2, '56 8C', 3],
    ['0D', '0D', 1, '0C', 0],
  ])('%s + %s in %i bytes = %s, cc %i', (a, b, length, result, cc) => {
    const sum = addPacked(decoded(a), decoded(b), length);
    expect(hexOf(sum.bytes)).toBe(result);
    expect(sum.cc).toBe(cc);
  });

  it('subtracting through negate: 5 - 8 = -3', () => {
    const diff = addPacked(decoded('5C'), negate(decoded('8C')), 1);
    expect(hexOf(diff.bytes)).toBe('3D');
    expect(diff.cc).toBe(1);
  });

  it('ZAP is an addition to zero: -0 becomes +0', () => {
    expect(hexOf(addPacked(PackedZero, decoded('00 0D'), 2).bytes)).toBe('00 0C');
  });
});

describe('comparePacked (CP)', () => {
  it.each([
    ['0C', '0D', 0],
    ['12 3C', '00 12 3F', 0],
    ['1D', '1C', 1],
    ['1C', '9D', 2],
    ['99 99 99 99 99 99 99 99 99 99 99 99 99 99 99 9C', '99 99 99 99 99 99 99 99 99 99 99 99 99 99 99 8C', 2],
  ])('%s against %s gives cc %i', (a, b, cc) => {
    expect(comparePacked(decoded(a), decoded(b))).toBe(cc);
  });
});

describe('multiplyPacked and hasRoomForProduct (MP)', () => {
  it('-38460 × -321 = +12345660', () => {
    expect(hexOf(multiplyPacked(decoded('00 00 00 38 46 0D'), decoded('32 1D'), 6))).toBe('00 01 23 45 66 0C');
  });

  it('a zero product keeps the algebraic sign', () => {
    expect(hexOf(multiplyPacked(decoded('00 0C'), decoded('1D'), 2))).toBe('00 0D');
  });

  it.each([
    ['00 99 9C', 3, 1, true],
    ['01 99 9C', 3, 1, false],
    ['00 00 99 9C', 4, 2, true],
    ['00 09 99 9C', 4, 2, false],
  ])('multiplicand %s (%i bytes) with a %i-byte multiplier has room: %s', (hex, l1, l2, room) => {
    expect(hasRoomForProduct(decoded(hex), l1, l2)).toBe(room);
  });
});

describe('dividePacked (DP)', () => {
  it('+12345678 ÷ -321 = -38460 remainder +18', () => {
    const result = dividePacked(decoded('01 23 45 67 8C'), decoded('32 1D'), 5, 2);
    expect(result && hexOf(result)).toBe('38 46 0D 01 8C');
  });

  it('a zero quotient and remainder keep their signs: -5 ÷ +7', () => {
    const result = dividePacked(decoded('00 00 5D'), decoded('7C'), 3, 1);
    expect(result && hexOf(result)).toBe('00 0D 5D');
  });

  it('a zero remainder keeps the dividend sign: -14 ÷ -7', () => {
    const result = dividePacked(decoded('00 01 4D'), decoded('7D'), 3, 1);
    expect(result && hexOf(result)).toBe('00 2C 0D');
  });

  it.each([
    ['00 99 9C', '1C', true, 'quotient 999 fills its 3 digits'],
    ['09 99 9C', '1C', false, 'quotient 9999 needs 4 digits'],
    ['00 50 0C', '0C', false, 'zero divisor'],
    ['00 00 0C', '0D', false, 'zero divided by zero'],
  ])('%s ÷ %s: divides %s (%s)', (dividend, divisor, ok) => {
    expect(dividePacked(decoded(dividend), decoded(divisor), 3, 1) !== undefined).toBe(ok);
  });
});

describe('shiftAndRoundPacked (SRP)', () => {
  // GA22-7000-4, Appendix A, SHIFT AND ROUND DECIMAL examples.
  it.each([
    ['00 01 23 45 67 8C', 3, 3, '12 34 56 78 00 0C', 2, 'PoO example: left 3 (rounding digit unused)'],
    ['01 23 45 67 8C', 63, 0, '00 12 34 56 7C', 2, 'PoO example: right 1'],
    ['12 39 60 0C', 61, 5, '00 01 24 0C', 2, 'PoO example: right 3 rounded by 5'],
    ['00 12 34 5C', 3, 0, '23 45 00 0C', 3, 'left 3 loses a 1: overflow'],
    ['10 00 00 0D', 1, 0, '00 00 00 0D', 3, 'overflow to zero keeps the minus sign'],
    ['00 00 01 2D', 61, 0, '00 00 00 0C', 0, 'right shift to zero is made positive'],
    ['00 00 04 9D', 63, 5, '00 00 00 5D', 1, 'rounding carries: -49 → -5'],
    ['00 00 00 0C', 5, 0, '00 00 00 0C', 0, 'zero shifted left'],
    [
      '99 99 99 99 99 99 99 99 99 99 99 99 99 99 99 9C',
      32,
      9,
      '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0C',
      0,
      'right 32',
    ],
    ['00 00 00 1C', 31, 0, '00 00 00 0C', 3, 'left 31 loses every digit'],
    ['12 34 5D', 0, 9, '12 34 5D', 1, 'no shift'],
  ])('%s shift %i round %i → %s cc %i (%s)', (value, shift, round, result, cc) => {
    const out = shiftAndRoundPacked(decoded(value), bytes(value).length, shift, round);
    expect(hexOf(out.bytes)).toBe(result);
    expect(out.cc).toBe(cc);
  });
});

describe('CVB and CVD conversions', () => {
  it.each([
    ['000000000025594C', 0x000063fa, true],
    ['000000000025594D', 0xffff9c06, true],
    ['000002147483647C', 0x7fffffff, true],
    ['000002147483648D', 0x80000000, true],
    ['000002147483648C', 0x80000000, false],
    ['999999999999999C', 0xa4c67fff, false],
  ])('CVB %s → %i (fits: %s)', (hex, value, fits) => {
    expect(packedToBinary(decoded(hex))).toEqual({ value, fits });
  });

  it.each([
    [0, '000000000000000C'],
    [-15923 >>> 0, '000000000015923D'],
    [0x7fffffff, '000002147483647C'],
    [0x80000000, '000002147483648D'],
  ])('CVD %i → %s', (value, hex) => {
    expect(hexOf(binaryToPacked(value))).toBe(hexOf(bytes(hex)));
  });
});

/** Run PACK or UNPK over one byte array holding both operands, as storage would. */
function moveWithin(
  move: typeof packZoned,
  memory: Uint8Array,
  at1: number,
  l1: number,
  at2: number,
  l2: number,
): string {
  move(
    l1,
    l2,
    (i) => memory[at2 + i],
    (i, b) => {
      memory[at1 + i] = b;
    },
  );
  return hexOf(memory.subarray(at1, at1 + l1 + 1));
}

describe('PACK and UNPK byte movement', () => {
  it.each([
    ['F1 F2 F3 F4 F5', 2, '12 34 5F'],
    ['F1 F2 F3 F4 F5', 3, '00 12 34 5F'],
    ['F1 F2 F3 F4 F5', 1, '34 5F'],
    ['C1 C2', 1, '01 2C'],
    ['F1 D2', 0, '2D'],
  ])('PACK %s into %i+1 bytes gives %s', (zoned, l1, result) => {
    const memory = new Uint8Array(32);
    memory.set(bytes(zoned), 16);
    expect(moveWithin(packZoned, memory, 0, l1, 16, bytes(zoned).length - 1)).toBe(result);
  });

  it('PACK in place (same field) works right to left', () => {
    const memory = bytes('F1 F2 F3 F4');
    expect(moveWithin(packZoned, memory, 0, 3, 0, 3)).toBe('00 01 23 4F');
  });

  it.each([
    ['12 34 5C', 4, 'F1 F2 F3 F4 C5'],
    ['12 34 5C', 6, 'F0 F0 F1 F2 F3 F4 C5'],
    ['12 34 5C', 2, 'F3 F4 C5'],
    ['00 00 00 1D', 5, 'F0 F0 F0 F0 F0 D1'],
    ['AB', 1, 'F0 BA'],
  ])('UNPK %s into %i+1 bytes gives %s', (packed, l1, result) => {
    const memory = new Uint8Array(32);
    memory.set(bytes(packed), 16);
    expect(moveWithin(unpackToZoned, memory, 0, l1, 16, bytes(packed).length - 1)).toBe(result);
  });
});

/** Edit with the source in a byte array, counting the source bytes fetched. */
function runEdit(pattern: string, source: string) {
  const src = bytes(source);
  let fetched = 0;
  const outcome = editPattern(bytes(pattern), (i) => {
    fetched = Math.max(fetched, i + 1);
    return i < src.length ? src[i] : undefined;
  });
  return { outcome, fetched };
}

describe('editPattern (ED, EDMK)', () => {
  // GA22-7000-10, Appendix A, EDIT example: pattern "bdd,d(d.ddbCR", source +257426.
  const poOPattern = '40 20 20 6B 20 21 20 4B 20 20 40 C3 D9';

  it('PoO example, positive source: "  2,574.26   ", cc 2, mark at the 2', () => {
    const { outcome, fetched } = runEdit(poOPattern, '02 57 42 6C');
    expect(outcome).toEqual({
      kind: 'done',
      result: bytes('40 40 F2 6B F5 F7 F4 4B F2 F6 40 40 40'),
      cc: 2,
      mark: 2,
    });
    expect(fetched).toBe(4);
  });

  it('PoO example, negative source: "      0.26 CR", cc 1, no mark (significance forced)', () => {
    const { outcome } = runEdit(poOPattern, '00 00 02 6D');
    expect(outcome).toEqual({
      kind: 'done',
      result: bytes('40 40 40 40 40 40 F0 4B F2 F6 40 C3 D9'),
      cc: 1,
      mark: -1,
    });
  });

  it('an all-zero source blanks the field: cc 0', () => {
    const { outcome } = runEdit('40 20 20 20', '00 0C');
    expect(outcome).toEqual({ kind: 'done', result: bytes('40 40 40 40'), cc: 0, mark: -1 });
  });

  it('a fill byte that is a digit selector is also used as one', () => {
    const { outcome } = runEdit('20 20 20', '12 3C');
    expect(outcome).toEqual({ kind: 'done', result: bytes('F1 F2 F3'), cc: 2, mark: 0 });
  });

  it('a plus sign mid-pattern turns significance off; the next field is separate', () => {
    // "*" fill; field 1 digits 0,1,2 with plus; separator; field 2 digits 0,0,0 with minus.
    const { outcome } = runEdit('5C 20 21 20 22 20 21 20', '01 2C 00 0D');
    expect(outcome).toEqual({ kind: 'done', result: bytes('5C 5C F1 F2 5C 5C 5C F0'), cc: 0, mark: 2 });
  });

  it('the mark is the rightmost digit that turned significance on', () => {
    // 1 with plus (significance off again), then 2: the mark moves to the 2.
    const { outcome } = runEdit('40 20 20 22 20 20', '1C 02 3D');
    expect(outcome).toMatchObject({ kind: 'done', result: bytes('40 F1 40 40 F2 F3'), cc: 1, mark: 4 });
  });

  it('a pattern ending in a field separator gives cc 0', () => {
    const { outcome } = runEdit('40 20 20 20 22', '12 3D');
    expect(outcome).toMatchObject({ kind: 'done', cc: 0 });
  });

  it('an invalid left digit in a source byte is a data exception', () => {
    expect(runEdit('40 20 20 20', 'A0 1C').outcome).toEqual({ kind: 'data' });
  });

  it('a pattern without digit selectors fetches no source', () => {
    const { outcome, fetched } = runEdit('40 C1 C2', '');
    expect(outcome).toEqual({ kind: 'done', result: bytes('40 40 40'), cc: 0, mark: -1 });
    expect(fetched).toBe(0);
  });

  it('a source byte that cannot be fetched stops the edit', () => {
    expect(runEdit('40 20 20 20 20', '12 3C').outcome).toEqual({ kind: 'access' });
  });
});
