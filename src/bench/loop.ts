// The standard CPU loop of the benchmark, built from its listing so that
// `npm run bench` needs nothing outside the repository. It is the program of
// ../shared/bench/loop370.bin and loop390.bin, instruction for instruction:
//
//   2000  BALR 12,0                 base = X'2002'
//   2002  LA   13,4094(12)          results at X'3000'
//   2006  LA   6,98(12)             operands at X'2064': 1, 2, 0
//   200A  L    5,94(12)             iteration count from X'2060'
//   200E  LA   2,0
//   2012  LA   3,0
//   2016  STCK 0(13)                TOD before the loop -> X'3000'
//   201A  L    1,0(6)         <-+   the loop
//   201E  A    1,4(6)           |
//   2022  ST   1,8(6)           |
//   2026  LA   2,1(2)           |
//   202A  AR   3,1              |
//   202C  CR   3,2              |
//   202E  BC   4,78(12)         |   never taken (would branch to a failure wait)
//   2032  BCT  5,24(12)       --+
//   2036  STCK 8(13)                TOD after the loop -> X'3008'
//   203A  ST   2,16(13)             iterations done -> X'3010'
//   203E  ST   3,20(13)             3 x iterations -> X'3014'
//   2042  LPSW 70(12)               normal end: the disabled wait at X'2048'
//   2050  LPSW 86(12)               failure: the disabled wait at X'2058'

import type { ArchMode } from '../../s390/cpu.js';

const rr = (op: number, r1: number, r2: number): number[] => [op, (r1 << 4) | r2];
const rx = (op: number, r1: number, x2: number, b2: number, d2: number): number[] => [
  op,
  (r1 << 4) | x2,
  (b2 << 4) | (d2 >>> 8),
  d2 & 0xff,
];
const s = (op: number, b2: number, d2: number): number[] => [op >>> 8, op & 0xff, (b2 << 4) | (d2 >>> 8), d2 & 0xff];
const word = (w: number): number[] => [w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff];

/** The standard loop as an image to load at X'2000'. */
export function loopImage(arch: ArchMode, iterations: number): Uint8Array {
  const ec = arch === '390' ? 0x00080000 : 0;
  const bytes = [
    ...rr(0x05, 12, 0), // BALR 12,0
    ...rx(0x41, 13, 0, 12, 4094), // LA 13,4094(12)
    ...rx(0x41, 6, 0, 12, 98), // LA 6,98(12)
    ...rx(0x58, 5, 0, 12, 94), // L 5,94(12)
    ...rx(0x41, 2, 0, 0, 0), // LA 2,0
    ...rx(0x41, 3, 0, 0, 0), // LA 3,0
    ...s(0xb205, 13, 0), // STCK 0(13)
    ...rx(0x58, 1, 0, 6, 0), // L 1,0(6)
    ...rx(0x5a, 1, 0, 6, 4), // A 1,4(6)
    ...rx(0x50, 1, 0, 6, 8), // ST 1,8(6)
    ...rx(0x41, 2, 0, 2, 1), // LA 2,1(2)
    ...rr(0x1a, 3, 1), // AR 3,1
    ...rr(0x19, 3, 2), // CR 3,2
    ...rx(0x47, 4, 0, 12, 78), // BC 4,78(12)
    ...rx(0x46, 5, 0, 12, 24), // BCT 5,24(12)
    ...s(0xb205, 13, 8), // STCK 8(13)
    ...rx(0x50, 2, 0, 13, 16), // ST 2,16(13)
    ...rx(0x50, 3, 0, 13, 20), // ST 3,20(13)
    ...s(0x8200, 12, 70), // LPSW 70(12)
    0x07,
    0x07,
    ...word(ec | 0x00020000), // X'2048': normal end, disabled wait
    ...word(0),
    ...s(0x8200, 12, 86), // X'2050': LPSW 86(12)
    0x07,
    0x07,
    0x07,
    0x07,
    ...word(ec | 0x00020000), // X'2058': failure, disabled wait at X'FA11'
    ...word(0xfa11),
    ...word(iterations), // X'2060'
    ...word(1), // X'2064': the operands
    ...word(2),
    ...word(0),
  ];
  const image = new Uint8Array(0x1100);
  image.set(bytes);
  return image;
}
